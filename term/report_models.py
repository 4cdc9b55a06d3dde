"""A follow-up report's versions, its answers per goal and the staff's review of each version."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.fields import (
    MAX_PARTICIPANTS,
    TEXT_LONG,
    TEXT_MEDIUM,
    LineField,
    TextBlockField,
    count_validators,
)
from core.records import RecordModel


class FollowUpReportVersion(RecordModel):
    """One submission of a report: the first, and each revision after a request for completion.

    The report row keeps the first submission as sent; this keeps every one, the last being
    what the report now says. `money_used` maps a contribution id (as text) to kronor used.
    """

    report = models.ForeignKey(
        "term.FollowUpReport",
        on_delete=models.PROTECT,
        related_name="versions",
        verbose_name=_("rapport"),
    )
    number = models.PositiveIntegerField(_("version"))
    activities_done = TextBlockField(_("genomförda aktiviteter"), max_length=TEXT_LONG)
    participants_reached = models.PositiveIntegerField(
        _("antal deltagare som nåtts"),
        validators=count_validators(
            MAX_PARTICIPANTS, negative=_("Antalet kan inte vara negativt.")
        ),
    )
    deviations = TextBlockField(_("avvikelser från avtalet"), blank=True, max_length=TEXT_MEDIUM)
    money_used = models.JSONField(_("använda medel"), default=dict)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("inskickad av"),
    )
    submitted_at = models.DateTimeField(_("inskickad"), auto_now_add=True)

    class Meta:
        verbose_name = _("rapportversion")
        verbose_name_plural = _("rapportversioner")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "number"], name="followupreportversion_unique"
            ),
        ]

    def __str__(self):
        return _("Version %(n)s") % {"n": self.number}


class FollowUpReportGoal(RecordModel):
    """What one version of the report says about one goal of the agreement."""

    report = models.ForeignKey(
        "term.FollowUpReport",
        on_delete=models.PROTECT,
        related_name="goal_answers",
        verbose_name=_("rapport"),
    )
    version = models.ForeignKey(
        FollowUpReportVersion,
        on_delete=models.PROTECT,
        related_name="goal_answers",
        verbose_name=_("rapportversion"),
    )
    goal = models.ForeignKey(
        "agreements.AgreementGoal",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("mål"),
    )
    outcome_value = LineField(_("utfall"), max_length=300, blank=True)
    outcome_text = TextBlockField(_("kommentar om målet"), blank=True, max_length=TEXT_MEDIUM)

    class Meta:
        verbose_name = _("rapport per mål")
        verbose_name_plural = _("rapport per mål")
        ordering = ["goal__order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "goal"], name="followupreportgoal_unique"),
        ]

    def __str__(self):
        return f"{self.goal}: {self.outcome_value}"


class FollowUpReportReview(RecordModel):
    """The staff's decision on one version: accepted, or returned with a request for completion."""

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", _("Godkänd")
        RETURNED = "returned", _("Återsänd för komplettering")

    report = models.ForeignKey(
        "term.FollowUpReport",
        on_delete=models.PROTECT,
        related_name="reviews",
        verbose_name=_("rapport"),
    )
    version = models.OneToOneField(
        FollowUpReportVersion,
        on_delete=models.PROTECT,
        related_name="review",
        verbose_name=_("rapportversion"),
    )
    decision = models.CharField(_("beslut"), max_length=20, choices=Decision.choices)
    request_text = TextBlockField(_("begäran om komplettering"), blank=True, max_length=TEXT_MEDIUM)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("granskad av"),
    )
    reviewed_at = models.DateTimeField(_("granskad"), auto_now_add=True)

    class Meta:
        verbose_name = _("granskning av rapport")
        verbose_name_plural = _("granskningar av rapporter")
        ordering = ["reviewed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["report"],
                condition=Q(decision="accepted"),
                name="followupreportreview_accepted_once",
            ),
            models.CheckConstraint(
                condition=Q(decision="accepted") | ~Q(request_text=""),
                name="followupreportreview_return_says_why",
            ),
        ]

    def __str__(self):
        return f"{self.version}: {self.get_decision_display()}"
