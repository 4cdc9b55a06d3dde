"""Whole-meeting export (10 cases): the protokoll and every utdrag, beside the same text unstyled.

The meeting is written as the document tests write it (tests/namnd/meeting_data.py): ten §§
with yrkanden, an omröstning, yttranden and a jäv, justerat and anslaget. Each run renders the
eleven PDFs afresh (the stored records are what the export hands out once made, so the figure
is the first export's cost) and zips them; the baseline renders each document's text as plain
paragraphs without CSS through the same html_to_pdf and zips those.
"""

import io
import re
import zipfile

from django.db import transaction
from django.utils.html import escape, strip_tags

from bench.common import paired_timings, report


def _plain(html: str) -> str:
    lines = [line.strip() for line in strip_tags(html).splitlines() if line.strip()]
    body = "".join(f"<p>{escape(line)}</p>" for line in lines)
    return f'<html lang="sv"><head><title>x</title></head><body>{body}</body></html>'


def _zip(parts) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, content in enumerate(parts):
            archive.writestr(f"{number}.pdf", content)
    return buffer.getvalue()


def main() -> None:
    from core.pdf import html_to_pdf
    from namnd import documents
    from tests import factories
    from tests.namnd.meeting_data import meeting

    with transaction.atomic():
        town = factories.Town.create()
        sammantrade = meeting(town, cases=10)
        paragrafer = list(sammantrade.paragrafer.order_by("number"))
        htmls = [documents.protokoll_html(sammantrade=sammantrade)] + [
            documents.protokollsutdrag_html(paragraf=p) for p in paragrafer
        ]
        plains = [_plain(h) for h in htmls]
        words = sum(len(re.findall(r"\w+", strip_tags(h))) for h in htmls)

        def styled():
            return _zip(
                [documents.protokoll_pdf(sammantrade=sammantrade)]
                + [documents.protokollsutdrag_pdf(paragraf=p) for p in paragrafer]
            )

        def unstyled():
            return _zip([html_to_pdf(p) for p in plains])

        times, baseline = paired_timings(styled, unstyled, repeat=5, warmup=1)
        print(f"   ({len(htmls)} documents, {words} words of text)")
        report(
            "meeting export, 10 cases (protokoll + 10 utdrag, ZIP)",
            times,
            label="the export's documents",
            baseline_name="same text, plain HTML, no CSS",
            baseline_times=baseline,
        )
        transaction.set_rollback(True)
