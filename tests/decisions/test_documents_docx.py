"""The tjänsteutlåtande and the protokollsutdrag as DOCX, read back with python-docx."""

import pytest

from decisions.documents_docx import protokollsutdrag_docx, tjansteutlatande_docx

from .. import factories
from ..core.docxread import read_docx
from .test_documents import SECTIONS

pytestmark = pytest.mark.django_db


def test_tjansteutlatande_docx_has_the_pdf_sections_as_word_headings(town):
    case = town.for_decision()
    outline = read_docx(tjansteutlatande_docx(initiative=case))
    org = town.org.name
    assert outline.title == f"Idéburet offentligt partnerskap med {org}"
    assert outline.language == "sv-SE" and outline.proofing_language == "sv-SE"
    assert outline.headings[0] == (1, outline.title)
    sections = [text for level, text in outline.headings if level == 2]
    assert sections == SECTIONS
    assert (3, "Bedömning mot kriterierna för IOP") in outline.headings
    assert outline.running_header.startswith("Socialförvaltningen")
    text = outline.text
    assert f"Dnr: {case.diarienummer}" in text and "Telefon: 08-508 25 904" in text
    assert "Gillis Hammar, Förvaltningschef" in text


def test_tjansteutlatande_docx_numbers_proposals_and_bilagor_as_two_word_lists(town):
    case = town.for_decision()
    outline = read_docx(tjansteutlatande_docx(initiative=case))
    lists: dict[int, list[str]] = {}
    for num_id, text in outline.numbered:
        lists.setdefault(num_id, []).append(text)
    proposals, bilagor = lists.values()
    # The numbers are Word's own, not typed into the text.
    assert proposals[0].startswith("Socialnämnden godkänner förslaget till avtal")
    assert proposals[1] == "Ärendet justeras omedelbart."
    assert all(b.endswith(f"Dnr {case.diarienummer}") for b in bilagor) and len(bilagor) == 2


def test_tjansteutlatande_docx_tables_have_header_rows_and_the_criteria(town):
    case = town.for_decision()
    outline = read_docx(tjansteutlatande_docx(initiative=case))
    contributions, criteria = outline.tables
    assert contributions[0] == ["År", "Part", "Pengar", "Andra resurser", "Värdering"]
    # Amounts keep their non-breaking spaces; compare on plain ones.
    assert any("200 000 kr" in " ".join(cell.split()) for row in contributions for cell in row)
    assert criteria[0] == ["Kriterium", "Bedömning", "Motivering"]
    assert len(criteria) - 1 == case.assessment.answers.count()
    assert outline.header_rows == [True, True]


def test_tjansteutlatande_docx_keeps_markup_as_text(town):
    hostile = '<b>fet</b><script>alert("x")</script>'
    case = town.for_decision(**{name: f"{name} {hostile}" for name in factories.TEXT_FIELDS})
    text = read_docx(tjansteutlatande_docx(initiative=case)).text
    for name in factories.TEXT_FIELDS:
        assert f"{name} {hostile}" in text, name


def test_protokollsutdrag_docx_has_the_decision_as_a_numbered_point(town):
    case = town.active(paragraph=14)
    decision = case.decisions.get()
    outline = read_docx(protokollsutdrag_docx(decision=decision))
    assert outline.headings[0][0] == 1 and outline.headings[0][1].startswith("§ 14 ")
    assert [text for level, text in outline.headings if level == 2][:2] == [
        "Socialnämndens beslut",
        "Ärendet",
    ]
    assert [text for _, text in outline.numbered][0] == "Socialnämnden godkänner avtalet."
    assert outline.running_header.startswith("Socialnämnden")
    assert f"Dnr: {case.diarienummer}" in outline.text
