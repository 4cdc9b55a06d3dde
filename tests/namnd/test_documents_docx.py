"""The protokollsutdrag as DOCX, read back with python-docx: Word headings, Word's numbered
list for the decision (never "1. 1."), names with party letters, dates and the § number."""

import pytest

from namnd.documents_docx import protokollsutdrag_docx

from ..core.docxread import read_docx
from .meeting_data import meeting

pytestmark = pytest.mark.django_db


def test_utdrag_docx_has_the_pdf_sections_and_numbers_the_decision_once(town):
    sammantrade = meeting(town, cases=2)
    paragraf = sammantrade.paragrafer.get(number=14)
    outline = read_docx(protokollsutdrag_docx(paragraf=paragraf))
    org = town.org.name
    assert outline.title == f"§ 14 Idéburet offentligt partnerskap med {org}"
    assert outline.language == "sv-SE"
    assert outline.headings[0] == (1, outline.title)
    sections = [text for level, text in outline.headings if level == 2]
    assert sections == [
        "Socialnämndens beslut",
        "Ärendet",
        "Beslutsgång",
        "Särskilt uttalande",
        "Justering",
        "Anslag",
        "Rätt utdraget intygar",
    ]
    points = [text for _num, text in outline.numbered]
    assert points == [
        "Socialnämnden godkänner avtalet.",
        "Socialnämnden uppdrar åt förvaltningen att teckna avtalet.",
    ]
    assert outline.running_header.startswith("Socialnämnden · Protokollsutdrag · Sammanträdesdatum")
    text = outline.text
    for expected in [
        f"Dnr: {paragraf.initiative.diarienummer}",
        "Sammanträdesdatum: 2026-11-02",
        "Åsa Lindhagen (MP) och Rana Carlstedt (S) lämnar följande särskilda uttalande.",
        "Åsa Lindhagen (MP) yrkar: Bifall",
        "Propositionsordning",
        "Olle Ordförande, Ordförande, justerat 2026-11-09",
        "Jenny Justerare, Justerare",
        "den 2026-11-10",
        "till och med 2026-12-01",
        "daterat 15 oktober 2026",
    ]:
        assert expected in text, expected
    assert outline.tables[0][0] == ["Ledamot", "Parti", "Röst"]


def test_utdrag_docx_prints_reservation_and_jav(town):
    sammantrade = meeting(town, cases=2)
    outline = read_docx(protokollsutdrag_docx(paragraf=sammantrade.paragrafer.get(number=15)))
    assert (2, "Reservation") in outline.headings and (2, "Jäv") in outline.headings
    assert "Jenny Justerare (M) reserverar sig mot beslutet." in outline.text
    assert "Rana Carlstedt (S) deltar inte i handläggningen" in outline.text
