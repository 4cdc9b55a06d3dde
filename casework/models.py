"""Case messages, follow-up reports and where a draft's wizard was left: the organisation's side."""

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


class DraftProgress(models.Model):
    """The wizard step a draft was left at, so it can be resumed on any device."""

    initiative = models.OneToOneField(
        "initiatives.Initiative",
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
        "initiatives.Initiative",
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
        "initiatives.Attachment", blank=True, related_name="+", verbose_name=_("bilagor")
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
