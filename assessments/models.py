"""Criteria sets (data, versioned) and the assessments recorded against them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class CriteriaSet(models.Model):
    """A named, versioned checklist, such as Forum's six criteria as Stockholm uses them."""

    name = models.CharField(_("namn"), max_length=200)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    source = models.CharField(_("källa"), max_length=300, blank=True)
    published = models.BooleanField(
        _("publicerad"),
        default=False,
        help_text=_("En publicerad uppsättning ändras inte; gör en ny version i stället."),
    )

    class Meta:
        verbose_name = _("kriterieuppsättning")
        verbose_name_plural = _("kriterieuppsättningar")
        ordering = ["name", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="criteriaset_unique_version"),
        ]

    def __str__(self):
        return f"{self.name} (v{self.version})"


class GuideOutcome(models.TextChoices):
    """Where the public guide points when the answer to a criterion's question is "no"."""

    FORENINGSBIDRAG = "foreningsbidrag", _("Föreningsbidrag")
    UPPHANDLING = "upphandling", _("Upphandling")
    UNCLEAR = "unclear", _("Oklart – tala med förvaltningen")


class Criterion(models.Model):
    criteria_set = models.ForeignKey(
        CriteriaSet,
        on_delete=models.PROTECT,
        related_name="criteria",
        verbose_name=_("uppsättning"),
    )
    position = models.PositiveSmallIntegerField(_("ordning"))
    text = models.CharField(_("kriterium"), max_length=300)
    guidance = models.TextField(_("vägledning"), blank=True)
    # The public "Is IOP the right form?" guide asks these, so guide and assessment never drift.
    guide_question = models.CharField(
        _("fråga i vägledningen"),
        max_length=300,
        blank=True,
        help_text=_(
            "Frågan till organisationen i den öppna vägledningen. Tom: frågan ställs inte."
        ),
    )
    guide_help = models.TextField(_("förklaring i vägledningen"), blank=True)
    guide_if_no = models.CharField(
        _("ett nej pekar mot"),
        max_length=20,
        choices=GuideOutcome.choices,
        default=GuideOutcome.UNCLEAR,
        help_text=_("Vad ett nej på frågan talar för. Vet inte pekar alltid mot oklart."),
    )

    class Meta:
        verbose_name = _("kriterium")
        verbose_name_plural = _("kriterier")
        ordering = ["criteria_set", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["criteria_set", "position"], name="criterion_unique_position"
            ),
        ]

    def __str__(self):
        return f"{self.position}. {self.text}"


class Recommendation(models.TextChoices):
    IOP = "iop", _("Idéburet offentligt partnerskap (IOP)")
    FORENINGSBIDRAG = "foreningsbidrag", _("Hänvisa till föreningsbidrag")
    UPPHANDLING = "upphandling", _("Hänvisa till upphandling")
    DECLINE = "decline", _("Avslå")


class Assessment(models.Model):
    """The förvaltning's assessment of one case, against the criteria set it used."""

    initiative = models.OneToOneField(
        "initiatives.Initiative",
        on_delete=models.PROTECT,
        related_name="assessment",
        verbose_name=_("ärende"),
    )
    criteria_set = models.ForeignKey(
        CriteriaSet, on_delete=models.PROTECT, verbose_name=_("kriterieuppsättning")
    )
    recommendation = models.CharField(
        _("rekommendation"), max_length=20, choices=Recommendation.choices, blank=True
    )
    summary = models.TextField(
        _("sammanfattning"), blank=True, help_text=_("Blir tjänsteutlåtandets sammanfattning.")
    )
    considerations = models.TextField(
        _("förvaltningens synpunkter"),
        blank=True,
        help_text=_("Blir avsnittet ”Förvaltningens synpunkter och förslag”."),
    )
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        verbose_name=_("bedömd av"),
    )
    started_at = models.DateTimeField(_("påbörjad"), auto_now_add=True)
    completed_at = models.DateTimeField(_("avslutad"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bedömning")
        verbose_name_plural = _("bedömningar")
        ordering = ["-started_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(completed_at__isnull=True) | ~models.Q(recommendation=""),
                name="assessment_completed_has_recommendation",
            ),
        ]

    def __str__(self):
        return str(self.initiative)


class CriterionAssessment(models.Model):
    class Verdict(models.TextChoices):
        FULFILLED = "fulfilled", _("Uppfyllt")
        NOT_FULFILLED = "not_fulfilled", _("Inte uppfyllt")
        UNCLEAR = "unclear", _("Oklart")

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="answers", verbose_name=_("bedömning")
    )
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, verbose_name=_("kriterium"))
    verdict = models.CharField(_("bedömning"), max_length=20, choices=Verdict.choices, blank=True)
    motivation = models.TextField(_("motivering"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bedömt kriterium")
        verbose_name_plural = _("bedömda kriterier")
        ordering = ["criterion__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "criterion"], name="criterionassessment_unique"
            ),
        ]

    def __str__(self):
        return str(self.criterion)
