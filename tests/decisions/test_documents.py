"""The tjänsteutlåtande (stored when upprättat) and protokollsutdrag as PDFs, read with pypdf."""

import io
import re

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from decisions.documents import protokollsutdrag_pdf
from decisions.selectors import tjansteutlatande_upprattat

from .. import factories

pytestmark = pytest.mark.django_db

SECTIONS = [
    "Förvaltningens förslag till beslut",
    "Sammanfattning",
    "Bakgrund",
    "Ärendets beredning",
    "Ärendet",
    "Förvaltningens synpunkter och förslag",
    "Sammantagen bedömning",
    "Bilagor",
]


def stored_pdf(case) -> bytes:
    """The upprättat tjänsteutlåtande's stored copy, as the builder left it."""
    with tjansteutlatande_upprattat(initiative=case).pdf.open("rb") as f:
        return f.read()


def pdf_text(pdf: bytes) -> tuple[str, PdfReader]:
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    # Extraction may break lines anywhere; compare on single spaces.
    return re.sub(r"\s+", " ", text), reader


def test_tjansteutlatande_has_the_seed_structure_and_the_case_data(town):
    case = town.for_decision()
    text, reader = pdf_text(stored_pdf(case))

    assert "Socialförvaltningen" in text
    assert "Handläggare" in text and "Handlaggare Testsson" in text
    assert "Telefon: 08-508 25 904" in text
    assert "Till Socialnämnden" in text
    assert f"Dnr {case.diarienummer}" in text
    assert "Datum 2026-10-19" in text  # upprättad two weeks before the meeting
    position = 0
    for section in SECTIONS:  # each heading, in the seeds' order
        position = text.index(section, position) + len(section)

    assert "Läxhjälp i Demostad" in text
    assert town.org.name in text and town.org.org_number in text
    assert "1. Socialnämnden godkänner förslaget till avtal" in text
    assert "2027-01-01–2027-12-31" in text
    assert "1. 1." not in text
    # Signed by whoever approved it (the builder names the approver förvaltningschef).
    assert "Handlaggare2 Testsson" in text and "Förvaltningschef" in text
    # The criteria assessment as an argument, one per criterion of the set used.
    for criterion in case.assessment.answers.select_related("criterion"):
        assert "".join(criterion.criterion.text[:40].split()) in "".join(text.split())
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


def test_command_writes_the_stored_pdf_byte_for_byte(town, tmp_path):
    case = town.for_decision()
    out = tmp_path / "tu.pdf"
    call_command("tjansteutlatande", case.diarienummer, "--output", str(out))
    assert out.read_bytes() == stored_pdf(case)


def test_command_writes_a_preview_of_a_draft_and_a_docx(town, tmp_path):
    from decisions import tjansteutlatande_services as tu_services

    case = town.assessed()
    tu_services.tjansteutlatande_draft_create(initiative=case, by=town.handlaggare)
    out = tmp_path / "tu.pdf"
    call_command("tjansteutlatande", case.diarienummer, "--output", str(out))
    text, _ = pdf_text(out.read_bytes())
    assert case.diarienummer in text and "utkast" in text
    docx = tmp_path / "tu.docx"
    call_command("tjansteutlatande", case.diarienummer, "-o", str(docx), "--format", "docx")
    assert docx.read_bytes()[:2] == b"PK"


def test_command_reports_an_unknown_diarienummer(db, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Inget ärende"):
        call_command("tjansteutlatande", "SOF 1999-9999", "--output", str(tmp_path / "x.pdf"))


HOSTILE = '<b>fet</b><script>alert("x")</script><img src="file:///etc/passwd">'


def test_markup_in_every_text_field_is_printed_as_text(town):
    fields = factories.TEXT_FIELDS
    case = town.for_decision(**{name: f"{name} {HOSTILE}" for name in fields})
    pdf = stored_pdf(case)
    text, reader = pdf_text(pdf)
    # Narrow table cells wrap anywhere, so compare without whitespace.
    compact = "".join(text.split())
    for name in fields:
        assert f'{name}<b>fet</b><script>alert("x")</script>' in compact
    assert b"root:x:0:0" not in pdf
    assert not any(page.images for page in reader.pages)
