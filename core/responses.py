"""File downloads (PDFs, stored files, generated data): one safe name rule, one set of headers."""

import re
import unicodedata

from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header

# A case's documents are personal data: no browser, proxy or back button keeps a copy.
NO_STORE = "private, no-store"
# The public register's downloads hold only published data, the same for everyone, so a shared
# cache may keep them; it asks again each time, so that nobody reads a register older than
# the latest published decision.
PUBLIC_REVALIDATE = "public, no-cache"

_SPACES = re.compile(r"\s+")
# What Django's get_valid_filename keeps: letters and digits of any script, "_", "-" and ".".
_UNSAFE = re.compile(r"[^-\w.]+")


def safe_filename(name: str, *, default: str = "fil", max_length: int | None = None) -> str:
    """A name that is safe on any disk and in a Content-Disposition header, keeping å, ä and ö.

    Invisible and control characters go, spaces become "_", any other character that is not a
    letter, digit, "-", "_" or "." becomes "-" (so "SOF 2026/12" stays readable), and a name
    never starts with "." or "-" (a hidden file, an option to a command).
    """
    name = unicodedata.normalize("NFC", str(name))
    name = "".join(ch for ch in name if ch.isprintable())
    name = _UNSAFE.sub("-", _SPACES.sub("_", name.strip(" ."))).strip(".-")
    return name[:max_length] or default


def with_download_headers(
    response, *, filename: str, inline: bool = False, cache_control: str = NO_STORE
):
    """Give a response (a PDF, a stored file, a JsonResponse) the download headers: a safe
    file name, as an attachment unless `inline`, and never cached unless told otherwise."""
    response["Content-Disposition"] = content_disposition_header(
        not inline, safe_filename(filename)
    )
    response["Cache-Control"] = cache_control
    return response


def file_response(
    content: bytes | str,
    *,
    filename: str,
    content_type: str,
    inline: bool = False,
    cache_control: str = NO_STORE,
) -> HttpResponse:
    """A download of `content` under a safe `filename`, never cached unless told otherwise.

    Content may be written to the response afterwards (a CSV writer does)."""
    response = HttpResponse(content, content_type=content_type)
    return with_download_headers(
        response, filename=filename, inline=inline, cache_control=cache_control
    )


def pdf_response(pdf: bytes, *, filename: str) -> HttpResponse:
    """A rendered PDF as a download, never cached."""
    return file_response(pdf, filename=filename, content_type="application/pdf")


def stored_file_response(field_file, *, filename: str, content_type: str) -> FileResponse:
    """A stored file (a FileField's file) streamed as a download, never cached."""
    # The download headers name the file; FileResponse is told no name so it sets none of its own.
    response = FileResponse(field_file.open("rb"), content_type=content_type)
    return with_download_headers(response, filename=filename)
