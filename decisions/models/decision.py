"""The nämnd's decision on a case, as recorded in its protokoll."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.fields import (
    MAX_PARAGRAPH,
    TEXT_LONG,
    TextBlockField,
    between,
    validate_date_range,
)


class Decision(models.Model):
    """The nämnd's decision on the case, as recorded in its protokoll."""

    class Outcome(models.TextChoices):
        APPROVED = "approved", _("Bifall – partnerskapet ingås")
        REJECTED = "rejected", _("Avslag")
        RETURNED = "returned", _("Återremiss till förvaltningen")

    initiative = models.ForeignKey(
        "initiatives.Initiative",
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("ärende"),
    )
    namnd = models.ForeignKey("accounts.Namnd", on_delete=models.PROTECT, verbose_name=_("nämnd"))
    meeting_date = models.DateField(_("sammanträdesdatum"), validators=[validate_date_range])
    paragraph = models.PositiveSmallIntegerField(
        _("paragraf (§)"),
        validators=between(1, MAX_PARAGRAPH, _("Ange paragrafens nummer, från {min} till {max}.")),
    )
    outcome = models.CharField(_("utfall"), max_length=20, choices=Outcome.choices)
    decision_text = TextBlockField(_("nämndens beslut"), max_length=TEXT_LONG)
    decision_process = TextBlockField(
        _("beslutsgång"),
        blank=True,
        help_text=_("Vem som föreslog vad och hur ordföranden ställde proposition."),
        max_length=TEXT_LONG,
    )
    adjusted_immediately = models.BooleanField(_("justerad omedelbart"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("registrerat av")
    )
    recorded_at = models.DateTimeField(_("registrerat"), auto_now_add=True)

    class Meta:
        verbose_name = _("nämndbeslut")
        verbose_name_plural = _("nämndbeslut")
        ordering = ["-meeting_date", "-paragraph"]
        constraints = [
            models.UniqueConstraint(
                fields=["namnd", "meeting_date", "paragraph"], name="decision_unique_paragraph"
            ),
            models.CheckConstraint(
                condition=Q(paragraph__gte=1), name="decision_paragraph_positive"
            ),
            models.CheckConstraint(
                condition=Q(paragraph__lte=MAX_PARAGRAPH), name="decision_paragraph_bounded"
            ),
        ]

    def __str__(self):
        return f"{self.namnd} {self.meeting_date} § {self.paragraph}"
