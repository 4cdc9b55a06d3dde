"""Agreement PDF: median render time beside an unstyled document of the same text.

The agreement is made through the services (template clauses, three years of contributions);
the baseline is its text as plain paragraphs without CSS, rendered by the same WeasyPrint call,
so the ratio is what the document's layout and stylesheet cost.
"""

import datetime
import re

from django.db import transaction
from django.utils.html import escape, strip_tags

from bench.common import paired_timings, report


def main() -> None:
    from agreements import documents, services
    from core.pdf import html_to_pdf
    from tests import factories

    with transaction.atomic():
        town = factories.Town.create()
        case = town.assessed(term_end=datetime.date(2029, 12, 31))
        agreement = services.agreement_create_draft(initiative=case, by=town.handlaggare)
        html = documents.agreement_html(agreement=agreement)
        lines = [line.strip() for line in strip_tags(html).splitlines() if line.strip()]
        body = "".join(f"<p>{escape(line)}</p>" for line in lines)
        plain = f'<html lang="sv"><body>{body}</body></html>'
        words = len(re.findall(r"\w+", " ".join(lines)))

        styled, unstyled = paired_timings(
            lambda: documents.agreement_pdf(agreement=agreement),
            lambda: html_to_pdf(plain),
            repeat=9,
        )
        print(f"   ({len(lines)} lines, {words} words of text)")
        report(
            "agreement PDF (document.css, template)",
            styled,
            label="the agreement's PDF",
            baseline_name="same text, plain HTML, no CSS",
            baseline_times=unstyled,
        )
        transaction.set_rollback(True)
