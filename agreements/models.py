"""Agreement drafts, the nämnd's decision, follow-up reminders and the final evaluation."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Agreement(models.Model):
    """The IOP agreement (avtal) drafted for a case."""

    initiative = models.OneToOneField(
        "initiatives.Initiative",
        on_delete=models.PROTECT,
        related_name="agreement",
        verbose_name=_("ärende"),
    )
    purpose = models.TextField(_("syfte"))
    activities = models.TextField(_("verksamhet och aktiviteter"))
    term_start = models.DateField(_("avtalet gäller från"))
    term_end = models.DateField(_("avtalet gäller till och med"))
    follow_up_clause = models.TextField(_("uppföljning och rapportering"))
    knowledge_sharing_clause = models.TextField(_("hur kunskap från partnerskapet tas tillvara"))
    repayment_clause = models.TextField(_("återbetalning om verksamheten inte genomförs"))
    other_clauses = models.TextField(_("övriga villkor"), blank=True)
    municipality_signatory = models.CharField(_("undertecknare för kommunen"), max_length=200)
    organisation_signatory = models.CharField(_("undertecknare för organisationen"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("upprättat av")
    )
    created_at = models.DateTimeField(_("upprättat"), auto_now_add=True)
    # The public register shows only what the förvaltning has chosen to publish.
    publishable = models.BooleanField(
        _("visas i det öppna registret"),
        default=False,
        help_text=_("Partnerskapet visas i det öppna registret när nämnden har beslutat."),
    )
    public_summary = models.TextField(
        _("kort beskrivning för registret"),
        blank=True,
        help_text=_("Några meningar om verksamheten. Skriv inga personuppgifter."),
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
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__gte=F("term_start")), name="agreement_term_ends_after_start"
            ),
        ]

    def __str__(self):
        return str(self.initiative)


class Party(models.TextChoices):
    MUNICIPALITY = "municipality", _("Kommunen")
    ORGANISATION = "organisation", _("Organisationen")


class Contribution(models.Model):
    """What one party brings to the partnership in one year: money and resources in kind."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="contributions", verbose_name=_("avtal")
    )
    party = models.CharField(_("part"), max_length=20, choices=Party.choices)
    year = models.PositiveSmallIntegerField(_("år"))
    amount_sek = models.PositiveIntegerField(_("pengar (kr)"), default=0)
    in_kind_description = models.TextField(
        _("andra resurser"), blank=True, help_text=_("Lokaler, personaltimmar, ideella timmar …")
    )
    in_kind_value_sek = models.PositiveIntegerField(
        _("värdering av andra resurser (kr)"), default=0
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("insats")
        verbose_name_plural = _("insatser")
        ordering = ["year", "party"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "party", "year"], name="contribution_one_per_party_year"
            ),
            models.CheckConstraint(
                condition=Q(amount_sek__gt=0) | ~Q(in_kind_description=""),
                name="contribution_not_empty",
            ),
        ]

    def __str__(self):
        return f"{self.get_party_display()} {self.year}"


class ReportDate(models.Model):
    """A date by which the organisation reports on the activity."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="report_dates", verbose_name=_("avtal")
    )
    due_date = models.DateField(_("datum"))
    description = models.CharField(_("vad som ska rapporteras"), max_length=200)

    class Meta:
        verbose_name = _("rapportdatum")
        verbose_name_plural = _("rapportdatum")
        ordering = ["due_date"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "due_date"], name="reportdate_unique"),
        ]

    def __str__(self):
        return f"{self.due_date}: {self.description}"


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
    meeting_date = models.DateField(_("sammanträdesdatum"))
    paragraph = models.PositiveSmallIntegerField(_("paragraf (§)"))
    outcome = models.CharField(_("utfall"), max_length=20, choices=Outcome.choices)
    decision_text = models.TextField(_("nämndens beslut"))
    decision_process = models.TextField(
        _("beslutsgång"),
        blank=True,
        help_text=_("Vem som föreslog vad och hur ordföranden ställde proposition."),
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
        ]

    def __str__(self):
        return f"{self.namnd} {self.meeting_date} § {self.paragraph}"


class SentReminder(models.Model):
    """A reminder mail that went out; the unique constraint makes each one go out once."""

    class Kind(models.TextChoices):
        REPORT = "report", _("Rapportdatum")
        TERM_END = "term_end", _("Avtalstidens slut")

    agreement = models.ForeignKey(
        Agreement, on_delete=models.PROTECT, related_name="sent_reminders", verbose_name=_("avtal")
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
    """The evaluation at the end of the term, and whether to renew or end the partnership."""

    class Outcome(models.TextChoices):
        RENEW = "renew", _("Förnya partnerskapet")
        END = "end", _("Avsluta partnerskapet")

    initiative = models.OneToOneField(
        "initiatives.Initiative",
        on_delete=models.PROTECT,
        related_name="evaluation",
        verbose_name=_("ärende"),
    )
    goal_fulfilment = models.TextField(_("måluppfyllelse"))
    what_worked = models.TextField(_("vad som fungerade (framgångsfaktorer)"))
    what_did_not_work = models.TextField(_("vad som inte fungerade"))
    knowledge_gained = models.TextField(_("kunskap som partnerskapet gett"))
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
