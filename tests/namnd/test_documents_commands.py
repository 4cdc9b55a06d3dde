"""manage.py protokollsutdrag and protokoll: the stored copies, the formats, and the refusals."""

import pytest
from django.core.management import CommandError, call_command

from namnd.models import StoredDocument

from ..core.docxread import read_docx
from ..core.pdfcheck import assert_archival_pdf
from .meeting_data import meeting

pytestmark = pytest.mark.django_db


def test_protokollsutdrag_command_writes_the_stored_pdf_and_docx(town, tmp_path):
    sammantrade = meeting(town, cases=1)
    case = sammantrade.paragrafer.get().initiative
    out = tmp_path / "utdrag.pdf"
    call_command("protokollsutdrag", case.diarienummer, "--output", str(out))
    assert_archival_pdf(out.read_bytes(), title="Protokollsutdrag Socialnämnden 2026-11-02 § 14")
    stored = StoredDocument.objects.get(kind="utdrag_pdf")
    assert out.read_bytes() == stored.file.open("rb").read()
    docx = tmp_path / "utdrag.docx"
    call_command("protokollsutdrag", case.diarienummer, "--output", str(docx), "--format", "docx")
    assert read_docx(docx.read_bytes()).title.startswith("§ 14 ")


def test_protokoll_command_writes_the_meeting(town, tmp_path):
    meeting(town, cases=1)
    out = tmp_path / "protokoll.pdf"
    call_command("protokoll", "socialnämnden", "2026-11-02", "--output", str(out))
    assert_archival_pdf(out.read_bytes(), title="Protokoll Socialnämnden 2026-11-02")


def test_commands_refuse_unknown_cases_and_meetings(town, tmp_path):
    out = str(tmp_path / "x")
    with pytest.raises(CommandError, match="Inget ärende"):
        call_command("protokollsutdrag", "SOF 1999-0001", "--output", out)
    with pytest.raises(CommandError, match="inget sammanträde"):
        call_command("protokoll", "Socialnämnden", "2026-11-03", "--output", out)
    with pytest.raises(CommandError, match="inget datum"):
        call_command("protokoll", "Socialnämnden", "2.11.2026", "--output", out)


def test_a_decision_before_meetings_still_gets_the_old_utdrag(town, tmp_path):
    case = town.active(paragraph=7)
    out = tmp_path / "old.pdf"
    call_command("protokollsutdrag", case.diarienummer, "--output", str(out))
    assert_archival_pdf(out.read_bytes(), title="Protokollsutdrag Socialnämnden 2026-11-02 § 7")
