"""The wizard's progress on a draft, and the messages on a case."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.fields import (
    TEXT_LONG,
    TextBlockField,
)
from core.records import RecordModel

from .case import Initiative
from .diary import Attachment


class DraftProgress(models.Model):
    """The wizard step a draft was left at, so it can be resumed on any device."""

    initiative = models.OneToOneField(
        Initiative,
        on_delete=models.CASCADE,
        related_name="draft_progress",
        verbose_name=_("ärende"),
    )
    step = models.CharField(_("steg"), max_length=30)
    updated_at = models.DateTimeField(_("senast ändrad"), auto_now=True)

    class Meta:
        verbose_name = _("utkastets steg")
        verbose_name_plural = _("utkastens steg")

    def __str__(self):
        return f"{self.initiative_id}: {self.step}"


class CaseMessage(RecordModel):
    """A message between the organisation and the förvaltning on a case."""

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.PROTECT,
        related_name="case_messages",
        verbose_name=_("ärende"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("avsändare")
    )
    from_staff = models.BooleanField(_("från förvaltningen"))
    body = TextBlockField(_("meddelande"), max_length=TEXT_LONG)
    attachments = models.ManyToManyField(
        Attachment, blank=True, related_name="+", verbose_name=_("bilagor")
    )
    sent_at = models.DateTimeField(_("skickat"), auto_now_add=True)

    class Meta:
        verbose_name = _("meddelande")
        verbose_name_plural = _("meddelanden")
        ordering = ["sent_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(body=""), name="casemessage_not_empty"),
        ]

    def __str__(self):
        return f"{self.sent_at:%Y-%m-%d %H:%M} {self.author}"
