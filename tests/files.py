"""Small real files of each accepted type (and some that are not), made in memory."""

import io
import struct
import zipfile
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile


def pdf_bytes(text: str = "Bilaga") -> bytes:
    """A small PDF as an applicant would upload it: plain, not one of the portal's archival ones."""
    from django.utils.html import escape

    from core.pdf import html_to_pdf

    text = escape(text)
    html = f'<html lang="sv"><title>{text}</title><body><p>{text}</p></body></html>'
    return html_to_pdf(html, pdf_variant=None)


def png_bytes() -> bytes:
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"\x00\xff\x00\x00"  # one red pixel, filter byte first
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def jpeg_bytes() -> bytes:
    # The smallest valid baseline JPEG header is enough for type detection.
    return (
        bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffdb0043")
        + b"\x08" * 64
        + b"\xff\xd9"
    )


def _zip(members: list[tuple[str, bytes]], *, stored_first: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for index, (name, data) in enumerate(members):
            compress = zipfile.ZIP_STORED if stored_first and index == 0 else zipfile.ZIP_DEFLATED
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=compress)
    return buffer.getvalue()


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/{part}" ContentType="{type}"/></Types>'
)


def docx_bytes() -> bytes:
    part, kind = (
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    )
    return _zip(
        [
            ("[Content_Types].xml", CONTENT_TYPES.format(part=part, type=kind).encode()),
            ("_rels/.rels", b"<Relationships/>"),
            (part, b"<w:document/>"),
        ]
    )


def xlsx_bytes() -> bytes:
    part, kind = (
        "xl/workbook.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    )
    return _zip(
        [
            ("[Content_Types].xml", CONTENT_TYPES.format(part=part, type=kind).encode()),
            ("_rels/.rels", b"<Relationships/>"),
            (part, b"<workbook/>"),
        ]
    )


def odt_bytes() -> bytes:
    return _zip(
        [
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", b"<office:document-content/>"),
        ],
        stored_first=True,
    )


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    """An uploaded file as a view or service gets it; the declared type is ignored."""
    return SimpleUploadedFile(name, content, content_type=content_type)
