"""The agreement, as draft, sent version and signed, is an archival, tagged PDF (pdfcheck)."""

import pytest

from agreements import documents, services

from ..core.pdfcheck import assert_archival_pdf
from ._support import drafted

pytestmark = pytest.mark.django_db


def test_agreement_draft_and_sent_version_are_pdfa_2a(town):
    agreement = drafted(town)
    title = f"Avtal om idéburet offentligt partnerskap {agreement.initiative.diarienummer}"
    report = assert_archival_pdf(documents.agreement_pdf(agreement=agreement), title=title)
    # The parties are a list, the contributions two tables with captions and column headers.
    assert report.tags.count("Table") == 2 and report.tags.count("Caption") == 2
    assert "L" in report.tags and "TH" in report.tags
    version = services.agreement_send_to_organisation(agreement=agreement, by=town.handlaggare)
    assert_archival_pdf(documents.agreement_pdf(agreement=agreement, version=version), title=title)


def test_signed_agreement_is_pdfa_2a(town):
    case = town.active()
    assert_archival_pdf(documents.agreement_pdf(agreement=case.agreement))
