"""The kvittens of a submitted initiative is an archival, tagged PDF (read back by pdfcheck)."""

import pytest

from initiatives.receipt import receipt_pdf

from ..core.pdfcheck import assert_archival_pdf

pytestmark = pytest.mark.django_db


def test_kvittens_is_pdfa_2a_with_one_heading_per_wizard_step(town):
    case = town.submitted()
    pdf = receipt_pdf(initiative=case)
    report = assert_archival_pdf(pdf, title=f"Kvittens {case.diarienummer}")
    assert report.headings[0] == 1 and set(report.headings) == {1, 2}
    # The answers of each step are a definition list, tagged as a list.
    assert "L" in report.tags
