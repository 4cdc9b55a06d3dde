"""Follow-up during the term: the organisation's reports, reminders and the final evaluation."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.fields import (
    MAX_KRONOR,
    MAX_PARTICIPANTS,
    TEXT_LONG,
    TEXT_MEDIUM,
    TextBlockField,
    count_validators,
    kronor_validators,
)
from core.records import RecordModel


class FollowUpReport(RecordModel):
    """The organisation's report for one of the agreement's report dates."""

    report_date = models.OneToOneField(
        "agreements.ReportDate",
        on_delete=models.PROTECT,
        related_name="follow_up_report",
        verbose_name=_("rapportdatum"),
    )
    activities_done = TextBlockField(_("genomförda aktiviteter"), max_length=TEXT_LONG)
    participants_reached = models.PositiveIntegerField(
        _("antal deltagare som nåtts"),
        validators=count_validators(
            MAX_PARTICIPANTS, negative=_("Antalet kan inte vara negativt.")
        ),
    )
    deviations = TextBlockField(_("avvikelser från avtalet"), blank=True, max_length=TEXT_MEDIUM)
    attachments = models.ManyToManyField(
        "initiatives.Attachment", blank=True, related_name="+", verbose_name=_("bilagor")
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("inskickad av")
    )
    submitted_at = models.DateTimeField(_("inskickad"), auto_now_add=True)

    class Meta:
        verbose_name = _("uppföljningsrapport")
        verbose_name_plural = _("uppföljningsrapporter")
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(participants_reached__lte=MAX_PARTICIPANTS),
                name="followupreport_participants_bounded",
            ),
        ]

    def __str__(self):
        return str(self.report_date)


class FollowUpReportLine(RecordModel):
    """Money used against one of the municipality's contribution lines of the agreement."""

    report = models.ForeignKey(
        FollowUpReport, on_delete=models.PROTECT, related_name="lines", verbose_name=_("rapport")
    )
    contribution = models.ForeignKey(
        "agreements.Contribution", on_delete=models.PROTECT, verbose_name=_("bidrag")
    )
    amount_used_sek = models.PositiveIntegerField(
        _("använt belopp (kr)"), validators=kronor_validators()
    )

    class Meta:
        verbose_name = _("använda medel")
        verbose_name_plural = _("använda medel")
        ordering = ["contribution__year", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "contribution"], name="followupreportline_unique"
            ),
            models.CheckConstraint(
                condition=Q(amount_used_sek__lte=MAX_KRONOR),
                name="followupreportline_amount_bounded",
            ),
        ]

    def __str__(self):
        return f"{self.contribution}: {self.amount_used_sek}"


class SentReminder(models.Model):
    """A reminder mail that went out; the unique constraint makes each one go out once."""

    class Kind(models.TextChoices):
        REPORT = "report", _("Rapportdatum")
        TERM_END = "term_end", _("Avtalstidens slut")

    agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.PROTECT,
        related_name="sent_reminders",
        verbose_name=_("avtal"),
    )
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    due_date = models.DateField(_("datum som påminnelsen gäller"))
    recipient = models.EmailField(_("mottagare"))
    sent_at = models.DateTimeField(_("skickad"), auto_now_add=True)

    class Meta:
        verbose_name = _("skickad påminnelse")
        verbose_name_plural = _("skickade påminnelser")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "kind", "due_date", "recipient"],
                name="sentreminder_once",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.due_date} → {self.recipient}"


class Evaluation(models.Model):
    """The evaluation at the end of the term, and whether to renew, change or end the partnership.

    It waits for the final report, or for the recorded reason why there is none
    (`no_final_report_reason`); term.evaluation_services checks it.
    """

    class Outcome(models.TextChoices):
        RENEW = "renew", _("Förnya partnerskapet")
        # Continue in changed form: like a renewal, a new case whose draft is then changed.
        CHANGE = "change", _("Ändra partnerskapet")
        END = "end", _("Avsluta partnerskapet")

    initiative = models.OneToOneField(
        "initiatives.Initiative",
        on_delete=models.PROTECT,
        related_name="evaluation",
        verbose_name=_("ärende"),
    )
    no_final_report_reason = TextBlockField(
        _("skäl till att slutrapport saknas"), blank=True, max_length=TEXT_MEDIUM
    )
    goal_fulfilment = TextBlockField(_("måluppfyllelse"), max_length=TEXT_LONG)
    what_worked = TextBlockField(_("framgångsfaktorer"), max_length=TEXT_LONG)
    what_did_not_work = TextBlockField(_("brister"), max_length=TEXT_LONG)
    knowledge_gained = TextBlockField(_("kunskap som partnerskapet gett"), max_length=TEXT_LONG)
    knowledge_sharing = TextBlockField(_("hur kunskapen sprids"), blank=True, max_length=TEXT_LONG)
    outcome = models.CharField(_("fortsättning"), max_length=20, choices=Outcome.choices)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("utvärderad av")
    )
    evaluated_at = models.DateTimeField(_("utvärderad"), auto_now_add=True)

    class Meta:
        verbose_name = _("utvärdering")
        verbose_name_plural = _("utvärderingar")

    def __str__(self):
        return str(self.initiative)


# Django finds the report's versions, goal answers and reviews through this module.
# And the evaluation's goals and the early termination.
from .end_models import EvaluationGoal, Termination  # noqa: E402
from .report_models import (  # noqa: E402
    FollowUpReportGoal,
    FollowUpReportReview,
    FollowUpReportVersion,
)

__all__ = [
    "Evaluation",
    "EvaluationGoal",
    "FollowUpReport",
    "FollowUpReportGoal",
    "FollowUpReportLine",
    "FollowUpReportReview",
    "FollowUpReportVersion",
    "SentReminder",
    "Termination",
]
