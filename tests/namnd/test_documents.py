"""The protokoll and the protokollsutdrag read back: archival PDF/A-2a, their sections, names,
party letters, dates and § numbers; the justerat protokoll is stored once and never re-rendered."""

import io

import pikepdf
import pypdf
import pytest

from namnd import documents, record_services
from namnd.models import Paragraf, StoredDocument

from ..core.pdfcheck import assert_archival_pdf
from .meeting_data import meeting

pytestmark = pytest.mark.django_db


def pdf_text(pdf: bytes) -> str:
    """The PDF's text, read back with pypdf, with line breaks and spacing as single spaces."""
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())


def test_protokoll_prints_every_paragraf_members_justering_and_anslag(town):
    sammantrade = meeting(town)
    pdf = documents.protokoll_pdf(sammantrade=sammantrade)
    report = assert_archival_pdf(pdf, title="Protokoll Socialnämnden 2026-11-02")
    assert report.artifacts > 0  # the running header and page numbers
    text = pdf_text(pdf)
    for expected in [
        "§ 14",
        "§ 15",
        "§ 16",
        "Åsa Lindhagen (MP)",
        "Erik Ersättare (L)",
        "Närvarande",
        "Socialnämndens beslut",
        "1. Socialnämnden godkänner avtalet.",
        "2. Socialnämnden uppdrar",
        "Ärendet",
        "tjänsteutlåtande daterat 15 oktober 2026",
        "Beslutsgång",
        "Propositionsordning",
        "Åsa Lindhagen (MP) yrkar",
        "Omröstning",
        "Särskilt uttalande",
        "Åsa Lindhagen (MP) och Rana Carlstedt (S)",
        "Reservation",
        "Jenny Justerare (M) reserverar sig",
        "Rana Carlstedt (S) deltar inte",
        "Justerat den 2026-11-09",
        "Olle Ordförande",
        "2026-11-10",
        "till och med 2026-12-01",
        "Socialnämnden · Protokoll · Sammanträdesdatum 2026-11-02",
    ]:
        assert expected in text, expected
    assert "1. 1." not in text


def test_protokollsutdrag_is_one_paragraf_with_intygande_and_appeal_window(town):
    sammantrade = meeting(town)
    paragraf = sammantrade.paragrafer.get(number=15)
    pdf = documents.protokollsutdrag_pdf(paragraf=paragraf)
    assert_archival_pdf(pdf, title="Protokollsutdrag Socialnämnden 2026-11-02 § 15")
    text = pdf_text(pdf)
    for expected in [
        "§ 15",
        paragraf.initiative.diarienummer,
        "Reservation",
        "Rätt utdraget intygar",
        "Justerat den 2026-11-09",
        "till och med 2026-12-01",
    ]:
        assert expected in text, expected
    assert "§ 14" not in text and "1. 1." not in text


def test_points_typed_with_numbers_are_numbered_once():
    assert documents.clean_points(["1. Bifall", "2) Justeras", " ", "3.Tre"]) == [
        "Bifall",
        "Justeras",
        "Tre",
    ]


def test_justerat_protokoll_is_stored_once_and_never_rendered_again(town, monkeypatch):
    sammantrade = meeting(town, cases=2)
    record_services.protokoll_records_store(sammantrade=sammantrade)
    stored = StoredDocument.objects.filter(sammantrade=sammantrade)
    assert sorted(stored.values_list("kind", flat=True)) == sorted(
        ["protokoll_pdf", "utdrag_pdf", "utdrag_docx", "utdrag_pdf", "utdrag_docx"]
    )
    first = record_services.stored_protokoll_pdf(sammantrade=sammantrade)
    # The organisation changes its name: the record does not, and nothing is rendered again.
    org = town.org
    org.name = "Nytt namn"
    org.save()

    def refuse(**kwargs):
        raise AssertionError("a stored record was rendered again")

    monkeypatch.setattr(documents, "protokoll_pdf", refuse)
    monkeypatch.setattr(documents, "protokollsutdrag_pdf", refuse)
    record_services.protokoll_records_store(sammantrade=sammantrade)  # again: nothing new
    assert stored.count() == 5
    assert record_services.protokoll_document(sammantrade=sammantrade) == first
    paragraf = sammantrade.paragrafer.first()
    assert record_services.utdrag_document(paragraf=paragraf)[:5] == b"%PDF-"
    with pikepdf.open(io.BytesIO(first)) as pdf:
        assert "Läxhjälpsföreningen" in str(pdf.docinfo.get("/Title")) or len(pdf.pages) >= 1


def test_a_stored_record_cannot_change(town):
    sammantrade = meeting(town, cases=1)
    record_services.protokoll_records_store(sammantrade=sammantrade)
    record = StoredDocument.objects.filter(sammantrade=sammantrade).first()
    record.sha256 = "0" * 64
    with pytest.raises(Exception, match="kan inte ändras"):
        record.save()


def test_records_are_refused_before_justering(town):
    sammantrade = meeting(town, cases=1, justerat=False)
    with pytest.raises(Exception, match="när det är justerat"):
        record_services.protokoll_records_store(sammantrade=sammantrade)
    paragraf = Paragraf.objects.get(sammantrade=sammantrade)
    with pytest.raises(Exception, match="när paragrafen är justerad"):
        record_services.paragraf_records_store(paragraf=paragraf)
    # Before justering the download is a draft, rendered from the data.
    assert b"%PDF-" in record_services.protokoll_document(sammantrade=sammantrade)[:8]
    assert not StoredDocument.objects.exists()
