"""Every PDF the renderer makes is archival (PDF/A-2a) and tagged for PDF/UA-1 (pdfcheck)."""

import io

import pytest
from pypdf import PdfReader
from weasyprint import HTML

from core.pdf import DOCUMENT_BASE_URL, PDF_VARIANT, StaticOnlyFetcher, html_to_pdf

from .pdfcheck import assert_archival_pdf, check_pdf

pytestmark = pytest.mark.django_db

SHIPPED_FONTS = {"IOP-Serif", "IOP-Serif-Bold", "IOP-Serif-Italic", "IOP-Sans", "IOP-Sans-Bold"}

# A document shaped like the portal's: running header, page numbers and Dnr footer in the page
# margins (document.css), a list, a table with column headers and one with a row header.
MEMO = """<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Promemoria</title>
<link rel="stylesheet" href="/static/pdf/document.css"></head><body>
<div class="running-header">Socialförvaltningen</div>
<h1>Promemoria</h1><p>Dnr <span class="dnr">SOF 2026-0001</span></p>
<h2>Förslag till beslut</h2><ol class="proposals"><li>1. Nämnden godkänner.</li></ol>
<h2>Insatser</h2>
<table><caption>Per år</caption>
<thead><tr><th scope="col">År</th><th scope="col">Part</th></tr></thead>
<tbody><tr><td>2027</td><td>Kommunen</td></tr></tbody></table>
<table><tbody><tr><th scope="row">Totalt</th><td>200 000 kr</td></tr></tbody></table>
<h3>Noter</h3><p><em>Kursiv</em> och <strong>fet</strong> text.</p>
{extra}</body></html>"""


def test_a_document_is_pdfa_2a_and_declares_pdfua_1():
    report = assert_archival_pdf(html_to_pdf(MEMO.format(extra="")), title="Promemoria")
    assert report.pdfa == "2A" and report.pdfua == "1"
    assert report.headings == [1, 2, 2, 3]
    for tag in ("L", "LI", "LBody", "Table", "Caption", "THead", "TH", "TD"):
        assert tag in report.tags, tag


def test_running_header_page_numbers_and_footer_are_artifacts_and_still_printed():
    many_pages = "".join(f"<p>Stycke {n}.</p>" for n in range(150))
    pdf = html_to_pdf(MEMO.format(extra=many_pages))
    report = assert_archival_pdf(pdf)
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) >= 2
    # Three margin boxes per page: header, "n (N)" and the Dnr.
    assert report.artifacts >= 3 * len(pages)
    for number, page in enumerate(pages, start=1):
        text = page.extract_text()
        assert f"{number} ({len(pages)})" in text and "Dnr SOF 2026-0001" in text
        assert "Socialförvaltningen" in text


def test_every_font_is_embedded_and_is_one_the_portal_ships():
    report = assert_archival_pdf(html_to_pdf(MEMO.format(extra="")))
    assert report.fonts <= SHIPPED_FONTS, report.fonts - SHIPPED_FONTS


def test_weasyprint_alone_leaves_the_gaps_that_the_finisher_closes():
    """Proof the checker sees what WeasyPrint 70 leaves out and what core.pdf_finish adds."""
    bare = HTML(
        string=MEMO.format(extra=""), base_url=DOCUMENT_BASE_URL, url_fetcher=StaticOnlyFetcher()
    ).write_pdf(pdf_variant=PDF_VARIANT)
    problems = "\n".join(check_pdf(bare).problems)
    assert "neither in the structure tree nor an artifact" in problems
    assert "(TH) has no /Scope" in problems
    assert "PDF/UA-1" in problems


def test_the_checker_refuses_an_untagged_pdf_without_title_or_language():
    plain = html_to_pdf("<html><body><h2>Rubrik</h2></body></html>", pdf_variant=None)
    problems = "\n".join(check_pdf(plain).problems)
    for expected in ("not PDF/A-2a", "output intent", "no /Title", "no /Lang", "StructTreeRoot"):
        assert expected in problems, expected
    with pytest.raises(AssertionError, match="not archival"):
        assert_archival_pdf(plain)


def test_the_checker_refuses_skipped_heading_levels():
    pdf = html_to_pdf(
        '<html lang="sv"><head><title>T</title></head><body><h1>A</h1><h3>C</h3></body></html>'
    )
    assert "heading level jumps from H1 to H3" in check_pdf(pdf).problems
