"""The förvaltning's work on a case: assignment, bevakningar, dialogue meetings."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.fields import (
    TEXT_LONG,
    TEXT_SHORT,
    LineField,
    TextBlockField,
    validate_date_range,
)

from .case import Initiative


class CaseAssignment(models.Model):
    """A handläggare made responsible for a case: by whom, when and with what note."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("ärende")
    )
    handlaggare = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("handläggare"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("tilldelad av"),
    )
    assigned_at = models.DateTimeField(_("tidpunkt"), auto_now_add=True)
    note = TextBlockField(_("anteckning"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("tilldelning")
        verbose_name_plural = _("tilldelningar")
        ordering = ["assigned_at", "pk"]

    def __str__(self):
        return f"{self.initiative} → {self.handlaggare}"


class WatchDate(models.Model):
    """A bevakning: a date by which something must be done on the case, and by whom."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.PROTECT, related_name="watch_dates", verbose_name=_("ärende")
    )
    due_date = models.DateField(_("bevakningsdatum"), validators=[validate_date_range])
    what = LineField(_("vad som ska göras"), max_length=300)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ansvarig"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("skapad av"),
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    done_at = models.DateTimeField(_("klar"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("klarmarkerad av"),
    )

    class Meta:
        verbose_name = _("bevakning")
        verbose_name_plural = _("bevakningar")
        ordering = ["due_date", "pk"]
        indexes = [
            models.Index(
                fields=["initiative", "due_date"],
                condition=Q(done_at__isnull=True),
                name="watchdate_open_idx",
            ),
            models.Index(
                fields=["due_date"], condition=Q(done_at__isnull=True), name="watchdate_due_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(done_at__isnull=True) | Q(done_by__isnull=False),
                name="watchdate_done_by_someone",
            ),
        ]

    def __str__(self):
        return f"{self.due_date}: {self.what}"


class DialogueMeeting(models.Model):
    """A dialogue between the förvaltning and the organisation on the challenge and solution."""

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.PROTECT,
        related_name="dialogue_meetings",
        verbose_name=_("ärende"),
    )
    held_on = models.DateField(_("mötesdatum"), validators=[validate_date_range])
    participants = TextBlockField(
        _("deltagare"),
        help_text=_("Namn och roll, från förvaltningen och organisationen."),
        max_length=TEXT_SHORT,
    )
    challenge_agreed = TextBlockField(
        _("överenskommet om samhällsutmaningen"),
        help_text=_("Hur parterna tillsammans beskriver samhällsutmaningen."),
        max_length=TEXT_LONG,
    )
    solution_agreed = TextBlockField(
        _("överenskommet om lösningen"),
        help_text=_("Vilka lösningar parterna ser och vad som ska göras härnäst."),
        max_length=TEXT_LONG,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("antecknat av"),
    )
    recorded_at = models.DateTimeField(_("antecknat"), auto_now_add=True)

    class Meta:
        verbose_name = _("dialogmöte")
        verbose_name_plural = _("dialogmöten")
        ordering = ["held_on", "pk"]

    def __str__(self):
        return f"{self.held_on}: {self.initiative}"
