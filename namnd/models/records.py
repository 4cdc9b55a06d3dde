"""The stored records of a justerat protokoll (its PDF, each § utdrag as PDF and DOCX), and the
batch export jobs whose progress the staff page shows."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import TEXT_LONG, TextBlockField

from .meeting import Sammantrade
from .paragraf import Paragraf


def record_path(instance, filename):
    # A random stored name, as for the case's attachments; the download names the file.
    return f"protokoll/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


class StoredDocument(models.Model):
    """A document rendered once at justering and kept as it was: never regenerated."""

    class Kind(models.TextChoices):
        PROTOKOLL_PDF = "protokoll_pdf", _("Protokoll (PDF)")
        UTDRAG_PDF = "utdrag_pdf", _("Protokollsutdrag (PDF)")
        UTDRAG_DOCX = "utdrag_docx", _("Protokollsutdrag (DOCX)")

    sammantrade = models.ForeignKey(
        Sammantrade,
        on_delete=models.PROTECT,
        related_name="stored_documents",
        verbose_name=_("sammanträde"),
    )
    paragraf = models.ForeignKey(
        Paragraf,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stored_documents",
        verbose_name=_("paragraf"),
    )
    kind = models.CharField(_("slag"), max_length=20, choices=Kind.choices)
    file = models.FileField(_("fil"), upload_to=record_path, max_length=200)
    sha256 = models.CharField(_("kontrollsumma (SHA-256)"), max_length=64)
    created_at = models.DateTimeField(_("upprättat"), auto_now_add=True)

    class Meta:
        verbose_name = _("lagrat protokollsdokument")
        verbose_name_plural = _("lagrade protokollsdokument")
        constraints = [
            models.UniqueConstraint(
                fields=["sammantrade", "kind"],
                condition=Q(paragraf__isnull=True),
                name="stored_document_once_per_protokoll",
            ),
            models.UniqueConstraint(
                fields=["paragraf", "kind"],
                condition=Q(paragraf__isnull=False),
                name="stored_document_once_per_paragraf",
            ),
            models.CheckConstraint(
                condition=Q(kind="protokoll_pdf", paragraf__isnull=True)
                | Q(~Q(kind="protokoll_pdf"), paragraf__isnull=False),
                name="stored_document_kind_scope",
            ),
        ]

    def __str__(self):
        return f"{self.sammantrade} {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(
                _("Ett upprättat protokollsdokument kan inte ändras."), code="upprattat"
            )
        super().save(*args, **kwargs)


def export_path(instance, filename):
    return f"export/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


class ExportJob(models.Model):
    """A meeting's whole set as one ZIP, built by a Celery task that records its progress."""

    class Kind(models.TextChoices):
        KALLELSE = "kallelse", _("Kallelse med bilagor")
        PROTOKOLL = "protokoll", _("Justerat protokoll med protokollsutdrag")

    class State(models.TextChoices):
        QUEUED = "queued", _("I kö")
        RUNNING = "running", _("Pågår")
        DONE = "done", _("Klar")
        FAILED = "failed", _("Misslyckades")

    sammantrade = models.ForeignKey(
        Sammantrade,
        on_delete=models.CASCADE,
        related_name="export_jobs",
        verbose_name=_("sammanträde"),
    )
    kind = models.CharField(_("slag"), max_length=20, choices=Kind.choices)
    state = models.CharField(_("läge"), max_length=10, choices=State.choices, default=State.QUEUED)
    done = models.PositiveIntegerField(_("klara delar"), default=0)
    total = models.PositiveIntegerField(_("delar"), default=0)
    file = models.FileField(_("fil"), upload_to=export_path, max_length=200, blank=True)
    error = TextBlockField(_("fel"), blank=True, max_length=TEXT_LONG)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("beställd"), auto_now_add=True)
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exporter")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(done__lte=F("total")), name="export_job_done_within_total"
            ),
        ]

    def __str__(self):
        return f"{self.sammantrade} {self.get_kind_display()}"

    @property
    def percent(self) -> int:
        if self.state == self.State.DONE:
            return 100
        return round(100 * self.done / self.total) if self.total else 0
