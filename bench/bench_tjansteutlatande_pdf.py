"""Tjänsteutlåtande PDF: render time beside an unstyled document of the same text.

The tjänsteutlåtande is drafted from a case through the services (prefilled sections, two
bilagor); the baseline is its text as plain paragraphs without CSS through the same WeasyPrint
call, so the ratio is what the layout, the template and the stylesheet cost.
"""

import re

from django.db import transaction
from django.utils.html import escape, strip_tags

from bench.common import paired_timings, report


def main() -> None:
    from core.pdf import html_to_pdf
    from decisions import tjansteutlatande_services as tu_services
    from decisions.tjansteutlatande_documents import tjansteutlatande_html, tjansteutlatande_pdf
    from tests import factories

    with transaction.atomic():
        town = factories.Town.create()
        case = town.assessed()
        tu = tu_services.tjansteutlatande_draft_create(initiative=case, by=town.handlaggare)
        html = tjansteutlatande_html(tjansteutlatande=tu)
        lines = [line.strip() for line in strip_tags(html).splitlines() if line.strip()]
        body = "".join(f"<p>{escape(line)}</p>" for line in lines)
        plain = f'<html lang="sv"><head><title>TU</title></head><body>{body}</body></html>'
        words = len(re.findall(r"\w+", " ".join(lines)))

        styled, unstyled = paired_timings(
            lambda: tjansteutlatande_pdf(tjansteutlatande=tu),
            lambda: html_to_pdf(plain),
            repeat=9,
        )
        print(f"   ({len(lines)} lines, {words} words of text)")
        report(
            "tjänsteutlåtande PDF (document.css, template)",
            styled,
            label="the tjänsteutlåtande's PDF",
            baseline_name="same text, plain HTML, no CSS",
            baseline_times=unstyled,
        )
        # The same document from HTML already built: what the layout and the stylesheet cost
        # alone, without reading the case and rendering the template.
        from_html, unstyled = paired_timings(
            lambda: html_to_pdf(html), lambda: html_to_pdf(plain), repeat=9
        )
        report(
            "tjänsteutlåtande PDF from its HTML (document.css)",
            from_html,
            label="the tjänsteutlåtande's HTML to PDF",
            baseline_name="same text, plain HTML, no CSS",
            baseline_times=unstyled,
        )
        transaction.set_rollback(True)
