"""The diary that registers a case's documents, its status history, and its files."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import (
    LineField,
)
from core.records import RecordModel

from .case import Initiative, Status


class DiaryCounter(models.Model):
    """The last number used in a förvaltning's diary for one year."""

    forvaltning = models.ForeignKey("accounts.Forvaltning", on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["forvaltning", "year"], name="diarycounter_unique"),
        ]

    def __str__(self):
        return f"{self.forvaltning_id}/{self.year}: {self.last_number}"


class DiaryEntry(RecordModel):
    """A document registered in the diary (offentlighets- och sekretesslagen 5 kap. 1 §)."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.PROTECT, related_name="diary_entries", verbose_name=_("ärende")
    )
    received_at = models.DateTimeField(_("inkom"))
    sender = LineField(_("avsändare"), max_length=300)
    subject = LineField(_("kort om vad handlingen rör"), max_length=300)
    document = LineField(_("handling"), max_length=200)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("registrerad av"),
    )

    class Meta:
        verbose_name = _("diarieanteckning")
        verbose_name_plural = _("diarieanteckningar")
        ordering = ["received_at", "pk"]

    def __str__(self):
        return f"{self.initiative.diarienummer}: {self.document}"


class StatusChange(RecordModel):
    """One step of a case through its lifecycle: who moved it, when, from where to where."""

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.PROTECT,
        related_name="status_changes",
        verbose_name=_("ärende"),
    )
    from_status = models.CharField(_("från"), max_length=20, choices=Status.choices)
    to_status = models.CharField(_("till"), max_length=20, choices=Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("ändrad av"),
    )
    changed_at = models.DateTimeField(_("tidpunkt"), auto_now_add=True)
    note = LineField(_("anteckning"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("statusändring")
        verbose_name_plural = _("statusändringar")
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


def attachment_path(instance, filename):
    # The stored name is random: the user's name is kept in original_name, never on disk, so a
    # crafted name cannot reach another path or collide with another case's file.
    return f"attachments/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    """A file that belongs to a case, stored outside the web root and handed out by permission."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.PROTECT, related_name="attachments", verbose_name=_("ärende")
    )
    file = models.FileField(_("fil"), upload_to=attachment_path, max_length=200)
    original_name = LineField(_("filnamn"), max_length=200)
    content_type = models.CharField(_("filtyp"), max_length=100)
    size = models.PositiveIntegerField(_("storlek (byte)"))
    description = LineField(_("beskrivning"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("uppladdad av"),
    )
    uploaded_at = models.DateTimeField(_("uppladdad"), auto_now_add=True)

    class Meta:
        verbose_name = _("bilaga")
        verbose_name_plural = _("bilagor")
        ordering = ["uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(size__gt=0), name="attachment_not_empty"),
        ]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("initiatives:attachment", args=[self.pk])
