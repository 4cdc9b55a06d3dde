"""Time the tjänsteutlåtande PDF with and without the archival variant (PDF/A-2a + PDF/UA fixes).

    scripts/with-test-services .venv/bin/python scripts/measure_pdf_variant.py [repeat]

Builds one case through the test factories in a rolled-back transaction, renders its
tjänsteutlåtande HTML once, then times the same HTML through WeasyPrint in each configuration
(median of `repeat` runs each, taken in turns; default 15). Prints seconds and the ratio
to the plain PDF.
"""

import io
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iop_portal.settings")


def interleaved_medians(runs: list, repeat: int) -> list[float]:
    """Median seconds of each run, taking turns so that machine load hits all of them alike."""
    timings: list[list[float]] = [[] for _ in runs]
    for _, function in runs:
        function()  # warm caches (templates, fonts) outside the measurement
    for _ in range(repeat):
        for index, (_, function) in enumerate(runs):
            start = time.perf_counter()
            function()
            timings[index].append(time.perf_counter() - start)
    return [statistics.median(t) for t in timings]


def system_font_html(html: str) -> str:
    """The same document with document.css inlined, minus @font-face: fonts from the system."""
    css = (ROOT / "static/pdf/document.css").read_text()
    css = re.sub(r"@font-face\s*\{[^}]*\}", "", css)
    css = css.replace('"IOP Serif"', '"DejaVu Serif"').replace('"IOP Sans"', '"DejaVu Sans"')
    return re.sub(r'<link rel="stylesheet"[^>]*>', f"<style>{css}</style>", html)


def main(repeat: int) -> None:
    import django
    from django.core.management import call_command
    from django.db import transaction

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)

    from pypdf import PdfReader
    from weasyprint import HTML

    from core.pdf import DOCUMENT_BASE_URL, PDF_VARIANT, StaticOnlyFetcher, html_to_pdf
    from decisions.selectors import tjansteutlatande_upprattat
    from decisions.tjansteutlatande_documents import tjansteutlatande_html
    from tests import factories

    def bare(html: str, variant: str | None):
        return lambda: HTML(
            string=html, base_url=DOCUMENT_BASE_URL, url_fetcher=StaticOnlyFetcher()
        ).write_pdf(pdf_variant=variant)

    with transaction.atomic():
        town = factories.Town.create()
        tu = tjansteutlatande_upprattat(initiative=town.for_decision())
        html = tjansteutlatande_html(tjansteutlatande=tu)
        pages = len(PdfReader(io.BytesIO(html_to_pdf(html))).pages)
        runs = [
            ("no variant (plain PDF)", bare(html, None)),
            ("pdf/ua-1 (the renderer before)", bare(html, "pdf/ua-1")),
            ("pdf/a-2a, WeasyPrint alone", bare(html, PDF_VARIANT)),
            ("pdf/a-2a + finish_pdf (html_to_pdf)", lambda: html_to_pdf(html)),
            ("pdf/a-2a + finish_pdf, system fonts", lambda: html_to_pdf(system_font_html(html))),
        ]
        medians = interleaved_medians(runs, repeat)
        results = list(zip([name for name, _ in runs], medians, strict=True))
        transaction.set_rollback(True)
    base = results[0][1]
    print(f"tjänsteutlåtande, {pages} pages, median of {repeat}")
    for name, seconds in results:
        print(f"  {name:40} {seconds * 1000:7.1f} ms  {seconds / base:4.2f}×")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
