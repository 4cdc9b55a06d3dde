"""Agreement templates and the clause library a new draft starts from."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.fields import TEXT_LONG, LineField, TextBlockField


class ClauseKind(models.TextChoices):
    """The clause library: what an IOP agreement regulates, in the order it is usually written."""

    PURPOSE = "purpose", _("Syfte")
    ACTIVITY = "activity", _("Verksamhet")
    MUNICIPALITY_COMMITMENTS = "municipality_commitments", _("Kommunens åtaganden")
    ORGANISATION_COMMITMENTS = "organisation_commitments", _("Organisationens åtaganden")
    RESOURCES = "resources", _("Resurser")
    TERM = "term", _("Avtalstid")
    FOLLOW_UP = "follow_up", _("Uppföljning och rapportering")
    KNOWLEDGE_SHARING = "knowledge_sharing", _("Kunskapsspridning")
    REPAYMENT = "repayment", _("Återbetalning")
    TERMINATION = "termination", _("Uppsägning")
    PERSONAL_DATA = "personal_data", _("Personuppgifter")
    INSURANCE = "insurance", _("Försäkring")
    COMMUNICATION = "communication", _("Kommunikation")
    DISPUTES = "disputes", _("Tvist")
    OTHER = "other", _("Övrigt")


class AgreementTemplate(models.Model):
    """A förvaltning's agreement template: the clauses a new draft starts from.

    A template without förvaltning is the municipality's standard, used where a förvaltning has
    none of its own.
    """

    name = LineField(_("namn"), max_length=200)
    forvaltning = models.ForeignKey(
        "accounts.Forvaltning",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreement_templates",
        verbose_name=_("förvaltning"),
        help_text=_("Lämna tomt för kommunens standardmall."),
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("avtalsmall")
        verbose_name_plural = _("avtalsmallar")
        ordering = ["name"]

    def __str__(self):
        return self.name


class TemplateClause(models.Model):
    """One clause of a template. Its text may name case data in braces: {organisation},
    {forvaltning}, {kommun}, {title}, {challenge}, {activity}, {term_start}, {term_end}."""

    template = models.ForeignKey(
        AgreementTemplate,
        on_delete=models.CASCADE,
        related_name="clauses",
        verbose_name=_("avtalsmall"),
    )
    kind = models.CharField(_("avtalspunkt"), max_length=40, choices=ClauseKind.choices)
    position = models.PositiveSmallIntegerField(_("ordning"))
    heading = LineField(_("rubrik"), max_length=200)
    text = TextBlockField(_("text"), max_length=TEXT_LONG)

    class Meta:
        verbose_name = _("avtalspunkt i mall")
        verbose_name_plural = _("avtalspunkter i mall")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "kind"], name="templateclause_one_per_kind"
            ),
        ]

    def __str__(self):
        return self.heading
