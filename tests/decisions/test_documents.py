"""The tjänsteutlåtande and protokollsutdrag as WeasyPrint renders them, read back with pypdf."""

import io
import re

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from decisions.documents import protokollsutdrag_pdf, tjansteutlatande_pdf

from .. import factories

pytestmark = pytest.mark.django_db

SECTIONS = [
    "Förvaltningens förslag till beslut",
    "Sammanfattning",
    "Bakgrund",
    "Ärendets beredning",
    "Ärendet",
    "Förvaltningens synpunkter och förslag",
    "Bilagor",
]


def pdf_text(pdf: bytes) -> tuple[str, PdfReader]:
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    # Extraction may break lines anywhere; compare on single spaces.
    return re.sub(r"\s+", " ", text), reader


def test_tjansteutlatande_has_the_seed_structure_and_the_case_data(town):
    case = town.for_decision()
    text, reader = pdf_text(tjansteutlatande_pdf(initiative=case))

    assert "Socialförvaltningen" in text
    assert "Handläggare" in text and "Handlaggare Testsson" in text
    assert "Telefon: 08-508 25 904" in text
    assert "Till Socialnämnden" in text
    assert f"Dnr {case.diarienummer}" in text
    assert re.search(r"Datum \d{4}-\d{2}-\d{2}", text)
    position = 0
    for section in SECTIONS:  # each heading, in the seeds' order
        position = text.index(section, position) + len(section)

    assert "Läxhjälp i Demostad" in text
    assert town.org.name in text and town.org.org_number in text
    assert "1. Socialnämnden godkänner förslaget till avtal" in text
    assert "2027-01-01–2027-12-31" in text
    assert "Gillis Hammar" in text and "Förvaltningschef" in text
    assert "Veronica Karlberg" in text and "Avdelningschef" in text
    # The criteria assessment, one row per criterion of the set used.
    for criterion in case.assessment.answers.select_related("criterion"):
        assert criterion.criterion.text[:40] in text
    assert "Uppfyllt" in text
    assert "200 000 kr" in text

    pages = len(reader.pages)
    for number in range(1, pages + 1):
        assert f"{number} ({pages})" in text


def test_protokollsutdrag_reads_like_a_protocol_extract(town):
    case = town.active(paragraph=14)
    decision = case.decisions.get()
    text, _ = pdf_text(protokollsutdrag_pdf(decision=decision))
    assert "§ 14" in text
    assert f"Dnr {case.diarienummer}" in text
    assert "Socialnämndens beslut" in text
    assert "Socialnämnden godkänner avtalet." in text


def test_command_writes_the_pdf(town, tmp_path):
    case = town.for_decision()
    out = tmp_path / "tu.pdf"
    call_command("tjansteutlatande", case.diarienummer, "--output", str(out))
    text, _ = pdf_text(out.read_bytes())
    assert case.diarienummer in text


def test_command_reports_an_unknown_diarienummer(db, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Inget ärende"):
        call_command("tjansteutlatande", "SOF 1999-9999", "--output", str(tmp_path / "x.pdf"))


HOSTILE = '<b>fet</b><script>alert("x")</script><img src="file:///etc/passwd">'


def test_markup_in_every_text_field_is_printed_as_text(town):
    fields = factories.TEXT_FIELDS
    case = town.for_decision(**{name: f"{name} {HOSTILE}" for name in fields})
    town.org.name = f"Föreningen {HOSTILE}"
    town.org.save()
    pdf = tjansteutlatande_pdf(initiative=case)
    text, reader = pdf_text(pdf)
    # Narrow table cells wrap anywhere, so compare without whitespace.
    compact = "".join(text.split())
    for name in [*fields, "Föreningen"]:
        assert f'{name}<b>fet</b><script>alert("x")</script>' in compact
    assert b"root:x:0:0" not in pdf
    assert not any(page.images for page in reader.pages)
