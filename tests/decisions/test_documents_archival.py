"""The tjänsteutlåtande and the protokollsutdrag are archival, tagged PDFs (pdfcheck)."""

import pytest

from decisions.documents import protokollsutdrag_pdf
from decisions.selectors import tjansteutlatande_upprattat
from decisions.tjansteutlatande_documents import tjansteutlatande_pdf

from ..core.pdfcheck import assert_archival_pdf

pytestmark = pytest.mark.django_db


def test_tjansteutlatande_is_pdfa_2a_with_its_sections_as_headings(town):
    case = town.for_decision()
    with tjansteutlatande_upprattat(initiative=case).pdf.open("rb") as stored:
        pdf = stored.read()
    report = assert_archival_pdf(pdf, title=f"Tjänsteutlåtande {case.diarienummer}")
    # One H1 (the title), the seed's sections as H2.
    assert report.headings[0] == 1 and report.headings.count(2) >= 8
    # The proposals and the bilagor are lists.
    assert report.tags.count("L") >= 2
    assert report.fonts


def test_tjansteutlatande_in_english_says_so_in_its_language(town):
    case = town.for_decision()
    tu = tjansteutlatande_upprattat(initiative=case)
    assert_archival_pdf(tjansteutlatande_pdf(tjansteutlatande=tu, language="en"), lang="en")


def test_protokollsutdrag_is_pdfa_2a_titled_by_namnd_meeting_and_paragraph(town):
    case = town.active(paragraph=14)
    decision = case.decisions.get()
    date = decision.meeting_date.isoformat()
    report = assert_archival_pdf(
        protokollsutdrag_pdf(decision=decision),
        title=f"Protokollsutdrag {decision.namnd.name} {date} § 14",
    )
    assert "L" in report.tags
