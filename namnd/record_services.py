"""A justerat protokoll as a record: its PDF and every § utdrag (PDF and DOCX) rendered once,
stored with a checksum, and read back from then on, never rendered again from changed data."""

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.stored_files import atomic_with_files, file_save

from . import documents, documents_docx, selectors
from .models import Paragraf, Sammantrade, StoredDocument

Kind = StoredDocument.Kind

# The records print the anslag and the appeal window, so they are made once it is posted.
ANSLAG_FIRST = gettext_noop(
    "Protokollet och utdragen upprättas när justeringen är anslagen, så att de kan ange "
    "anslagsdagen och överklagandetiden."
)


def _store(*, sammantrade, paragraf, kind, content: bytes) -> StoredDocument:
    record = StoredDocument(
        sammantrade=sammantrade,
        paragraf=paragraf,
        kind=kind,
        sha256=hashlib.sha256(content).hexdigest(),
    )
    file_save(record.file, kind, ContentFile(content))  # deleted again if the store rolls back
    record.save()
    return record


def _existing(sammantrade, paragraf=None) -> dict:
    rows = StoredDocument.objects.filter(sammantrade=sammantrade, paragraf=paragraf)
    return {row.kind: row for row in rows}


def _paragraf_store(paragraf: Paragraf) -> None:
    have = _existing(paragraf.sammantrade, paragraf)
    if Kind.UTDRAG_PDF not in have:
        pdf = documents.protokollsutdrag_pdf(paragraf=paragraf)
        _store(
            sammantrade=paragraf.sammantrade, paragraf=paragraf, kind=Kind.UTDRAG_PDF, content=pdf
        )
    if Kind.UTDRAG_DOCX not in have:
        docx = documents_docx.protokollsutdrag_docx(paragraf=paragraf)
        _store(
            sammantrade=paragraf.sammantrade,
            paragraf=paragraf,
            kind=Kind.UTDRAG_DOCX,
            content=docx,
        )


def paragraf_records_store(*, paragraf: Paragraf) -> None:
    """Store a justerad §'s utdrag (a § justerad omedelbart has them before the protokoll).

    Safe to call again: what is stored stays as it is.
    """
    with atomic_with_files():
        paragraf = (
            Paragraf.objects.select_for_update().select_related("sammantrade").get(pk=paragraf.pk)
        )
        if not paragraf.is_justerad or paragraf.number is None:
            raise ValidationError(
                _("Protokollsutdraget upprättas när paragrafen är justerad."),
                code="not_justerad",
            )
        if selectors.anslag_for_paragraf(paragraf) is None:
            raise ValidationError(_(ANSLAG_FIRST), code="not_anslaget")
        _paragraf_store(paragraf)


def protokoll_records_store(*, sammantrade: Sammantrade) -> None:
    """Store the justerat protokoll's PDF and each numbered § utdrag, once.

    The anslag's publication asks for this (namnd.tasks); reading a record stores it too,
    should that not have happened. Safe to call again.
    """
    with atomic_with_files():
        sammantrade = Sammantrade.objects.select_for_update().get(pk=sammantrade.pk)
        if not sammantrade.is_justerat:
            raise ValidationError(
                _("Protokollet upprättas när det är justerat."), code="not_justerat"
            )
        if not sammantrade.anslag.filter(paragraf__isnull=True).exists():
            raise ValidationError(_(ANSLAG_FIRST), code="not_anslaget")
        if Kind.PROTOKOLL_PDF not in _existing(sammantrade):
            pdf = documents.protokoll_pdf(sammantrade=sammantrade)
            _store(sammantrade=sammantrade, paragraf=None, kind=Kind.PROTOKOLL_PDF, content=pdf)
        for paragraf in sammantrade.paragrafer.filter(number__isnull=False).select_related(
            "sammantrade"
        ):
            _paragraf_store(paragraf)


def _read(record: StoredDocument) -> bytes:
    with record.file.open("rb") as handle:
        return handle.read()


def stored_protokoll_pdf(*, sammantrade: Sammantrade) -> bytes:
    """The stored protokoll of a justerat meeting (stored now if it never was)."""
    record = StoredDocument.objects.filter(
        sammantrade=sammantrade, paragraf=None, kind=Kind.PROTOKOLL_PDF
    ).first()
    if record is None:
        protokoll_records_store(sammantrade=sammantrade)
        return stored_protokoll_pdf(sammantrade=sammantrade)
    return _read(record)


def stored_utdrag(*, paragraf: Paragraf, kind: str = Kind.UTDRAG_PDF) -> StoredDocument:
    """The stored utdrag of a justerad § (stored now if it never was)."""
    record = StoredDocument.objects.filter(paragraf=paragraf, kind=kind).first()
    if record is None:
        paragraf_records_store(paragraf=paragraf)
        record = StoredDocument.objects.get(paragraf=paragraf, kind=kind)
    return record


def stored_utdrag_bytes(*, paragraf: Paragraf, kind: str = Kind.UTDRAG_PDF) -> bytes:
    return _read(stored_utdrag(paragraf=paragraf, kind=kind))


def protokoll_document(*, sammantrade: Sammantrade) -> bytes:
    """The protokoll to download: the stored record once justerat and anslaget, else a draft
    rendering from the data."""
    if sammantrade.is_justerat and sammantrade.anslag.filter(paragraf__isnull=True).exists():
        return stored_protokoll_pdf(sammantrade=sammantrade)
    return documents.protokoll_pdf(sammantrade=sammantrade)


def utdrag_document(*, paragraf: Paragraf, fmt: str = "pdf") -> bytes:
    """The utdrag to download: the stored record once justerad and anslagen, else a draft."""
    if (
        paragraf.is_justerad
        and paragraf.number is not None
        and selectors.anslag_for_paragraf(paragraf) is not None
    ):
        kind = Kind.UTDRAG_DOCX if fmt == "docx" else Kind.UTDRAG_PDF
        return stored_utdrag_bytes(paragraf=paragraf, kind=kind)
    if fmt == "docx":
        return documents_docx.protokollsutdrag_docx(paragraf=paragraf)
    return documents.protokollsutdrag_pdf(paragraf=paragraf)


def decision_utdrag(*, decision, fmt: str = "pdf") -> bytes | None:
    """The protokollsutdrag of the § that made `decision` (decisions.extensions' provider), or
    None for a decision recorded without a meeting in the portal."""
    paragraf = (
        Paragraf.objects.filter(decision=decision, number__isnull=False)
        .select_related("sammantrade")
        .first()
    )
    if paragraf is None:
        return None
    return utdrag_document(paragraf=paragraf, fmt=fmt)
