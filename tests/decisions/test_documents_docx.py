"""The tjänsteutlåtande (from its authored text) and the protokollsutdrag as DOCX, read back."""

import pytest

from decisions.documents_docx import protokollsutdrag_docx
from decisions.selectors import tjansteutlatande_upprattat
from decisions.tjansteutlatande_documents import tjansteutlatande_docx

from ..core.docxread import read_docx
from .test_documents import SECTIONS

pytestmark = pytest.mark.django_db


def _docx(case):
    return tjansteutlatande_docx(tjansteutlatande=tjansteutlatande_upprattat(initiative=case))


def test_tjansteutlatande_docx_has_the_pdf_sections_as_word_headings(town):
    case = town.for_decision()
    outline = read_docx(_docx(case))
    org = town.org.name
    assert outline.title == f"Idéburet offentligt partnerskap med {org} – Läxhjälp i Demostad"
    assert outline.language == "sv-SE" and outline.proofing_language == "sv-SE"
    assert outline.headings[0] == (1, outline.title)
    sections = [text for level, text in outline.headings if level == 2]
    assert sections == SECTIONS
    assert outline.running_header.startswith("Socialförvaltningen")
    text = outline.text
    assert f"Dnr: {case.diarienummer}" in text and "Telefon: 08-508 25 904" in text
    assert "Datum: 2026-10-19" in text
    assert "Handlaggare2 Testsson, Förvaltningschef" in text


def test_tjansteutlatande_docx_numbers_points_and_bilagor_as_two_word_lists(town):
    case = town.for_decision()
    outline = read_docx(_docx(case))
    lists: dict[int, list[str]] = {}
    for num_id, text in outline.numbered:
        lists.setdefault(num_id, []).append(text)
    proposals, bilagor = lists.values()
    # The numbers are Word's own, not typed into the text.
    assert proposals == [p for p in proposals if not p[0].isdigit()]
    assert proposals[0].startswith("Socialnämnden godkänner förslaget till avtal")
    assert all(b.endswith(f"Dnr {case.diarienummer}") for b in bilagor) and len(bilagor) == 2


def test_tjansteutlatande_docx_keeps_markup_as_text(town):
    hostile = '<b>fet</b><script>alert("x")</script>'
    fields = ("title", "challenge", "activity", "target_group")
    case = town.for_decision(**{name: f"{name} {hostile}" for name in fields})
    text = read_docx(_docx(case)).text
    for name in fields:
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
