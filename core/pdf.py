"""HTML to PDF with WeasyPrint, fetching nothing but data: URLs and the portal's static files."""

import mimetypes
import threading
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .pdf_finish import finish_pdf

# Relative URLs in documents resolve against this base; it names no real host and is only ever
# mapped to files found by the staticfiles finders.
DOCUMENT_BASE_URL = "https://portal.invalid/"

# Every document the portal issues is archival and tagged: PDF/A-2a (ISO 19005-2, level A), with
# PDF/UA-1 declared beside it by finish_pdf. PDF/A-2 rather than -3: the portal embeds no files,
# and -2 refuses any attachment that is not itself PDF/A, which an archive wants.
PDF_VARIANT = "pdf/a-2a"

# The stylesheet every issued document links (templates/documents/base_document.html).
DOCUMENT_CSS = "pdf/document.css"


def _static_prefix() -> str:
    """Where static files sit under the base URL (read when a PDF is made, not at import)."""
    return DOCUMENT_BASE_URL.rstrip("/") + settings.STATIC_URL


class StaticOnlyFetcher(URLFetcher):
    """Allow data: URLs and the portal's own static files; refuse file:, http(s): and the rest.

    WeasyPrint's default fetcher reads any file:// URL, which would let a link in a document
    embed files from the server into the PDF.
    """

    def __init__(self):
        super().__init__(allowed_protocols={"data"}, allow_redirects=False, timeout=2)

    def fetch(self, url, headers=None):
        prefix = _static_prefix()
        if url.startswith(prefix):
            return self._static(url.removeprefix(prefix).split("?")[0].split("#")[0])
        if url.lower().startswith("data:"):
            return super().fetch(url, headers)
        raise ValueError(f"Refused to fetch {url!r} while rendering a PDF")

    @staticmethod
    def _static(relative: str) -> URLFetcherResponse:
        if ".." in Path(relative).parts:
            raise ValueError("Refused a static path outside the static folders")
        found = finders.find(relative)
        if not found:
            raise ValueError(f"No static file {relative!r}")
        content_type = mimetypes.guess_type(relative)[0] or "application/octet-stream"
        return URLFetcherResponse(
            DOCUMENT_BASE_URL + settings.STATIC_URL.lstrip("/") + relative,
            Path(found).read_bytes(),
            headers={"Content-Type": content_type},
        )


# Per thread, since WeasyPrint's objects are not made to be shared between threads: the fetcher
# (each new one builds an SSL context, some 20 ms) and the parsed document stylesheet with its
# font configuration (parsing it and registering its six fonts cost some 30 ms a document).
_kept = threading.local()


def _fetcher() -> StaticOnlyFetcher:
    if getattr(_kept, "fetcher", None) is None:
        _kept.fetcher = StaticOnlyFetcher()
    return _kept.fetcher


def _document_css() -> tuple[CSS, FontConfiguration]:
    """The parsed document stylesheet, parsed anew when its file changes (as in development)."""
    found = finders.find(DOCUMENT_CSS)
    key = (found, Path(found).stat().st_mtime_ns if found else None)
    if getattr(_kept, "css_key", None) != key:
        font_config = FontConfiguration()
        css = CSS(
            url=_static_prefix() + DOCUMENT_CSS, url_fetcher=_fetcher(), font_config=font_config
        )
        _kept.css, _kept.css_key = (css, font_config), key
    return _kept.css


def html_to_pdf(html: str, *, pdf_variant: str | None = PDF_VARIANT) -> bytes:
    """Render a complete HTML document to an archival, tagged PDF (PDF/A-2a and PDF/UA-1).

    The document needs `<html lang>` and a `<title>`: they become the PDF's /Lang and /Title.
    `pdf_variant=None` gives a plain PDF, for measuring what the archival variant costs.
    A document that links the document stylesheet gets the one parsed already (the link stays
    in the template, so the HTML remains a whole document a browser shows as the PDF does).
    """
    link = f'<link rel="stylesheet" href="{static(DOCUMENT_CSS)}">'
    stylesheets, font_config = [], None
    if link in html:
        css, font_config = _document_css()
        html, stylesheets = html.replace(link, "", 1), [css]
    document = HTML(string=html, base_url=DOCUMENT_BASE_URL, url_fetcher=_fetcher())
    return document.write_pdf(
        stylesheets=stylesheets,
        font_config=font_config,
        pdf_variant=pdf_variant,
        finisher=finish_pdf,
    )
