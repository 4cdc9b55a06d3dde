"""The agreement drafted for a case: its clauses, the parties' contributions and report dates."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.fields import (
    MAX_HOURS,
    MAX_KRONOR,
    MAX_YEAR,
    MIN_YEAR,
    NOT_NEGATIVE,
    TEXT_DOCUMENT,
    TEXT_LONG,
    TEXT_SHORT,
    LineField,
    TextBlockField,
    count_validators,
    kronor_validators,
    validate_date_range,
    year_validators,
)

from .templates import AgreementTemplate, ClauseKind


class Agreement(models.Model):
    """The IOP agreement (avtal) drafted for a case.

    `purpose` and `activities` are the texts of the purpose and activity clauses, kept on the
    agreement for the tjänsteutlåtande and other readers; agreement_update writes both together.
    """

    initiative = models.OneToOneField(
        "initiatives.Initiative",
        on_delete=models.PROTECT,
        related_name="agreement",
        verbose_name=_("ärende"),
    )
    template = models.ForeignKey(
        AgreementTemplate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("avtalsmall"),
    )
    purpose = TextBlockField(_("syfte"), max_length=TEXT_DOCUMENT)
    activities = TextBlockField(_("verksamhet och aktiviteter"), max_length=TEXT_DOCUMENT)
    term_start = models.DateField(_("avtalet gäller från"), validators=[validate_date_range])
    term_end = models.DateField(_("avtalet gäller till och med"), validators=[validate_date_range])
    municipality_signatory = LineField(_("undertecknare för kommunen"), max_length=200)
    municipality_signatory_title = LineField(
        _("titel, undertecknare för kommunen"), max_length=200, blank=True
    )
    organisation_signatory = LineField(_("undertecknare för organisationen"), max_length=200)
    organisation_signatory_title = LineField(
        _("titel, undertecknare för organisationen"), max_length=200, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("upprättat av")
    )
    created_at = models.DateTimeField(_("upprättat"), auto_now_add=True)
    # The public register shows only what the förvaltning has chosen to publish.
    publishable = models.BooleanField(
        _("visas i det öppna registret"),
        default=False,
        # Rows written by code that predates these columns (older migrations' models) stay valid.
        db_default=False,
        help_text=_("Partnerskapet visas i det öppna registret när nämnden har beslutat."),
    )
    public_summary = TextBlockField(
        _("kort beskrivning för registret"),
        blank=True,
        db_default="",
        help_text=_("Några meningar om verksamheten. Skriv inga personuppgifter."),
        max_length=TEXT_SHORT,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("avtal")
        verbose_name_plural = _("avtal")
        indexes = [
            models.Index(
                fields=["-term_start", "-id"],
                condition=Q(publishable=True),
                name="agreement_register_order",
            ),
            # The reminder sweep's window of term ends: its cost follows what is due, not the
            # number of agreements (term.reminders).
            models.Index(fields=["term_end"], name="agreement_term_end"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__gte=F("term_start")),
                name="agreement_term_ends_after_start",
                violation_error_message=_("Avtalstiden kan inte sluta innan den börjar."),
            ),
        ]

    def __str__(self):
        return str(self.initiative)


class AgreementClause(models.Model):
    """One clause of this agreement, copied from the template and edited for this agreement."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="clauses", verbose_name=_("avtal")
    )
    kind = models.CharField(_("avtalspunkt"), max_length=40, choices=ClauseKind.choices)
    position = models.PositiveSmallIntegerField(_("ordning"))
    heading = LineField(_("rubrik"), max_length=200)
    text = TextBlockField(_("text"), blank=True, max_length=TEXT_DOCUMENT)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("avtalspunkt")
        verbose_name_plural = _("avtalspunkter")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "kind"], name="agreementclause_one_per_kind"
            ),
        ]

    def __str__(self):
        return self.heading


class Party(models.TextChoices):
    MUNICIPALITY = "municipality", _("Kommunen")
    ORGANISATION = "organisation", _("Organisationen")


class InKind(models.TextChoices):
    PREMISES = "premises", _("Lokaler")
    STAFF_HOURS = "staff_hours", _("Personaltimmar")
    VOLUNTEER_HOURS = "volunteer_hours", _("Ideella timmar")
    OTHER = "other", _("Annat")


_TOO_MUCH = kronor_validators()[1].message


class Contribution(models.Model):
    """What one party brings in one year: money, and one kind of resource in kind with its value.

    A party may have several rows a year, one per kind of resource.
    """

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="contributions", verbose_name=_("avtal")
    )
    party = models.CharField(_("part"), max_length=20, choices=Party.choices)
    year = models.PositiveSmallIntegerField(_("år"), validators=year_validators())
    amount_sek = models.IntegerField(_("pengar (kr)"), default=0, validators=kronor_validators())
    in_kind_type = models.CharField(
        _("slag av annan resurs"), max_length=20, choices=InKind.choices, blank=True
    )
    in_kind_description = TextBlockField(
        _("andra resurser"),
        blank=True,
        help_text=_("Lokaler, personaltimmar, ideella timmar …"),
        max_length=TEXT_LONG,
    )
    in_kind_hours = models.PositiveIntegerField(
        _("antal timmar"),
        null=True,
        blank=True,
        validators=count_validators(
            MAX_HOURS, negative=_("Antalet timmar kan inte vara negativt.")
        ),
    )
    in_kind_value_sek = models.IntegerField(
        _("värdering av andra resurser (kr)"),
        default=0,
        validators=kronor_validators(),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("insats")
        verbose_name_plural = _("insatser")
        ordering = ["year", "party", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_sek__gt=0) | ~Q(in_kind_description="") | ~Q(in_kind_type=""),
                name="contribution_not_empty",
                violation_error_message=_("Ange pengar eller en annan resurs."),
            ),
            models.CheckConstraint(
                condition=Q(amount_sek__gte=0) & Q(in_kind_value_sek__gte=0),
                name="contribution_not_negative",
                violation_error_message=NOT_NEGATIVE,
            ),
            models.CheckConstraint(
                condition=Q(amount_sek__lte=MAX_KRONOR) & Q(in_kind_value_sek__lte=MAX_KRONOR),
                name="contribution_bounded",
                violation_error_message=_TOO_MUCH,
            ),
            models.CheckConstraint(
                condition=Q(in_kind_hours__isnull=True) | Q(in_kind_hours__lte=MAX_HOURS),
                name="contribution_hours_bounded",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=MIN_YEAR) & Q(year__lte=MAX_YEAR),
                name="contribution_year_sane",
            ),
        ]

    def __str__(self):
        return f"{self.get_party_display()} {self.year}"

    @property
    def total_sek(self) -> int:
        return self.amount_sek + self.in_kind_value_sek


class ReportDate(models.Model):
    """A date by which the organisation reports on the activity."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="report_dates", verbose_name=_("avtal")
    )
    due_date = models.DateField(_("datum"), validators=[validate_date_range])
    description = LineField(_("vad som ska rapporteras"), max_length=200)

    class Meta:
        verbose_name = _("rapportdatum")
        verbose_name_plural = _("rapportdatum")
        ordering = ["due_date"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "due_date"], name="reportdate_unique"),
        ]
        # The reminder sweep reads the dates in a window of days (term.reminders).
        indexes = [models.Index(fields=["due_date"], name="reportdate_due_date")]

    def __str__(self):
        return f"{self.due_date}: {self.description}"
