"""Uploaded files: checked before they are kept (type by content, size, name), stored with their
row, and handed out again."""

import os
from dataclasses import dataclass

import magic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from core import responses
from core.responses import safe_filename

# Accepted types, by the type the content shows (libmagic), with the names such a file may have.
# The first extension is the one a sanitised name gets when the user's name has none or a wrong one.
ACCEPTED_TYPES: dict[str, tuple[str, ...]] = {
    "application/pdf": (".pdf",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (".docx",),
    "application/vnd.oasis.opendocument.text": (".odt",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (".xlsx",),
    "image/jpeg": (".jpg", ".jpeg"),
    "image/png": (".png",),
}
# libmagic reads the zip's first members to tell DOCX/XLSX/ODT apart; 256 KiB covers them.
SNIFF_BYTES = 256 * 1024
NAME_MAX = 120


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    content_type: str
    size: int


def accepted_extensions() -> str:
    return ", ".join(
        sorted({ext.lstrip(".").upper() for exts in ACCEPTED_TYPES.values() for ext in exts})
    )


def sanitise_filename(name: str, content_type: str) -> str:
    """The name an uploaded file is stored and handed out under: its own name without the
    folders, made safe (core.responses.safe_filename), with an extension of its type."""
    base = os.path.basename(name.replace("\\", "/"))
    stem, ext = os.path.splitext(base)
    stem = safe_filename(stem, default="bilaga", max_length=NAME_MAX)
    allowed = ACCEPTED_TYPES[content_type]
    ext = ext.lower() if ext.lower() in allowed else allowed[0]
    return stem + ext


def check_upload(uploaded_file) -> CheckedUpload:
    """Raise ValidationError (in Swedish) unless the file is of an accepted type and size."""
    size = uploaded_file.size
    limit = settings.IOP_ATTACHMENT_MAX_BYTES
    if size == 0:
        raise ValidationError(
            _("Filen %(name)s är tom."), code="empty", params={"name": uploaded_file.name}
        )
    if size > limit:
        raise ValidationError(
            _("Filen %(name)s är %(size)s. En fil får vara högst %(limit)s."),
            code="too_large",
            params={
                "name": uploaded_file.name,
                "size": filesizeformat(size),
                "limit": filesizeformat(limit),
            },
        )
    uploaded_file.seek(0)
    head = uploaded_file.read(SNIFF_BYTES)
    uploaded_file.seek(0)
    content_type = magic.from_buffer(head, mime=True)
    if content_type not in ACCEPTED_TYPES:
        raise ValidationError(
            _(
                "Filen %(name)s är inte av en tillåten typ. Tillåtna typer är %(types)s. "
                "Typen avgörs av innehållet, inte av namnet."
            ),
            code="type",
            params={"name": uploaded_file.name, "types": accepted_extensions()},
        )
    ext = os.path.splitext(uploaded_file.name)[1].lower()
    if ext and ext not in ACCEPTED_TYPES[content_type]:
        raise ValidationError(
            _(
                "Filen %(name)s heter %(ext)s men innehållet är %(actual)s. "
                "Kontrollera att du valt rätt fil."
            ),
            code="mislabelled",
            params={
                "name": uploaded_file.name,
                "ext": ext,
                "actual": ACCEPTED_TYPES[content_type][0].lstrip(".").upper(),
            },
        )
    return CheckedUpload(
        name=sanitise_filename(uploaded_file.name, content_type),
        content_type=content_type,
        size=size,
    )


def store_with_row(record, *, checked: CheckedUpload, uploaded_file, save_row) -> None:
    """Write the checked file into `record.file`, then the row(s) with `save_row()`.

    A stored file whose row failed would belong to nothing: it is removed again.
    """
    record.file.save(checked.name, uploaded_file, save=False)
    try:
        save_row()
    except BaseException:
        record.file.storage.delete(record.file.name)
        raise


def stored_file_response(record) -> FileResponse:
    """Hand a stored file out as a download under its sanitised name, never cached."""
    return responses.stored_file_response(
        record.file, filename=record.original_name, content_type=record.content_type
    )
