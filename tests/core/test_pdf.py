"""The PDF renderer: what it may fetch (nothing outside the portal) and what it uses."""

import io

import pytest
from pypdf import PdfReader

from core.pdf import html_to_pdf

pytestmark = pytest.mark.django_db

PASSWD_MARKER = b"root:x:0:0"


@pytest.mark.parametrize(
    "html",
    [
        '<link rel="attachment" href="file:///etc/passwd">',
        '<img src="file:///etc/passwd"><img src="/etc/passwd">',
        '<link rel="stylesheet" href="file:///etc/passwd">',
        '<img src="http://127.0.0.1:9/x.png"><link rel="attachment" href="https://example.com/x">',
        '<link rel="attachment" href="/static/../../../../etc/passwd">',
        '<a rel="attachment" href="file:///etc/passwd">x</a>',
    ],
)
def test_renderer_fetches_nothing_outside_the_portal(html):
    pdf = html_to_pdf(f"<html><body><p>Text</p>{html}</body></html>")
    assert PASSWD_MARKER not in pdf
    reader = PdfReader(io.BytesIO(pdf))
    assert not reader.attachments
    assert not reader.pages[0].images


def test_renderer_uses_the_portal_static_files_and_data_urls():
    pixel = (
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8"
        "z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    )
    styled = html_to_pdf(
        '<html><head><link rel="stylesheet" href="/static/pdf/document.css"></head>'
        f'<body><h1>Rubrik</h1><img src="{pixel}"></body></html>'
    )
    reader = PdfReader(io.BytesIO(styled))
    assert len(reader.pages[0].images) == 1
    # document.css numbers pages "1 (1)" in the margin: proof the stylesheet was loaded.
    assert "1 (1)" in reader.pages[0].extract_text()
