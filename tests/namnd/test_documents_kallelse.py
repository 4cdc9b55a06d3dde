"""The kallelse: the meeting, its föredragningslista, and each case's upprättat
tjänsteutlåtande appended as a bilaga, the whole still PDF/A-2a and tagged."""

import io

import pikepdf
import pytest

from decisions.selectors import tjansteutlatande_upprattat
from namnd import documents

from ..core.pdfcheck import assert_archival_pdf
from .meeting_data import meeting
from .test_documents import pdf_text

pytestmark = pytest.mark.django_db


def upprattade(cases):
    """Each case's real upprättat tjänsteutlåtande (the walker drafts and approves one)."""
    stored = {case.pk: tjansteutlatande_upprattat(initiative=case) for case in cases}
    assert all(stored.values())
    return stored


def test_kallelse_appends_each_tjansteutlatande_and_stays_archival(town):
    sammantrade = meeting(town, cases=2, justerat=False)
    cases = [p.initiative for p in sammantrade.paragrafer.all()]
    stored = upprattade(cases)
    alone = documents.kallelse_pdf(sammantrade=sammantrade, language="sv")
    report = assert_archival_pdf(alone, title="Kallelse Socialnämnden 2026-11-02")
    with pikepdf.open(io.BytesIO(alone)) as pdf:
        pages = len(pdf.pages)
    assert pages > 2  # the kallelse's own page and the two tjänsteutlåtanden
    text = pdf_text(alone)
    assert "Föredragningslista" in text and "Stadshuset, sal 3" in text
    for case in cases:
        assert case.diarienummer in text
    assert (
        f"Tjänsteutlåtande daterat {stored[cases[0].pk].upprattad_on.isoformat()}, bilaga 2."
        in text
    )
    # The bilagor's own sections are in the structure tree, one level below the kallelse's.
    assert report.headings.count(1) == 1
    assert report.tags.count("H2") >= 4


def test_kallelse_without_upprattade_documents_has_no_bilagor(town, monkeypatch):
    sammantrade = meeting(town, cases=1, justerat=False)
    monkeypatch.setattr(documents, "tjansteutlatande_upprattat", lambda initiative: None)
    pdf = documents.kallelse_pdf(sammantrade=sammantrade)
    assert_archival_pdf(pdf, title="Kallelse Socialnämnden 2026-11-02")
    assert "bilaga" not in pdf_text(pdf)
