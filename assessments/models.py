"""Criteria sets (data, versioned) and the assessments recorded against them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.fields import TEXT_LONG, TEXT_MEDIUM, TEXT_SHORT, LineField, TextBlockField

PUBLISHED_MESSAGE = _(
    "Kriterieuppsättningen är publicerad och kan inte ändras. Gör en ny version i stället."
)


class Recommendation(models.TextChoices):
    IOP = "iop", _("Idéburet offentligt partnerskap (IOP)")
    FORENINGSBIDRAG = "foreningsbidrag", _("Hänvisa till föreningsbidrag")
    UPPHANDLING = "upphandling", _("Hänvisa till upphandling")
    DECLINE = "decline", _("Avslå")


class CriteriaSet(models.Model):
    """A named, versioned checklist, such as Forum's six criteria as Stockholm uses them."""

    name = LineField(_("namn"), max_length=200)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    source = LineField(_("källa"), max_length=300, blank=True)
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

    def clean(self):
        if self.pk is not None and CriteriaSet.objects.filter(pk=self.pk, published=True).exists():
            raise ValidationError(PUBLISHED_MESSAGE, code="published")


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
    text = LineField(_("kriterium"), max_length=300)
    guidance = TextBlockField(_("vägledning"), blank=True, max_length=TEXT_MEDIUM)
    section = LineField(
        _("avsnitt"),
        max_length=100,
        blank=True,
        help_text=_("Till exempel ”Forums kriterier” eller ”Stadens kontroller”."),
    )
    # Which recommendation a verdict contradicts: data, so a new set needs no code.
    required_for = models.CharField(
        _("krävs för"),
        max_length=20,
        choices=Recommendation.choices,
        blank=True,
        help_text=_(
            "Portalen varnar om denna rekommendation väljs medan kriteriet inte är uppfyllt "
            "eller är oklart."
        ),
    )
    rules_out = models.CharField(
        _("utesluter"),
        max_length=20,
        choices=Recommendation.choices,
        blank=True,
        help_text=_("Portalen varnar om denna rekommendation väljs medan kriteriet är uppfyllt."),
    )
    # The public "Is IOP the right form?" guide asks these, so guide and assessment never drift.
    guide_question = LineField(
        _("fråga i vägledningen"),
        max_length=300,
        blank=True,
        help_text=_(
            "Frågan till organisationen i den öppna vägledningen. Tom: frågan ställs inte."
        ),
    )
    guide_help = TextBlockField(_("förklaring i vägledningen"), blank=True, max_length=TEXT_SHORT)
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

    def clean(self):
        if CriteriaSet.objects.filter(pk=self.criteria_set_id, published=True).exists():
            raise ValidationError(PUBLISHED_MESSAGE, code="published")


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
    summary = TextBlockField(
        _("sammanfattning"),
        blank=True,
        help_text=_("Blir tjänsteutlåtandets sammanfattning."),
        max_length=TEXT_LONG,
    )
    considerations = TextBlockField(
        _("förvaltningens synpunkter"),
        blank=True,
        help_text=_("Blir avsnittet ”Förvaltningens synpunkter och förslag”."),
        max_length=TEXT_LONG,
    )
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        verbose_name=_("bedömd av"),
    )
    started_at = models.DateTimeField(_("påbörjad"), auto_now_add=True)
    completed_at = models.DateTimeField(_("avslutad"), null=True, blank=True)
    # Four-eyes: the current revision is approved by someone other than who saved it last.
    revision = models.PositiveSmallIntegerField(_("revision"), default=1)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("senast sparad av"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("godkänd av"),
    )
    approved_at = models.DateTimeField(_("godkänd"), null=True, blank=True)
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
            models.CheckConstraint(
                condition=models.Q(approved_by__isnull=True)
                | ~models.Q(approved_by=models.F("saved_by")),
                name="assessment_four_eyes",
            ),
            models.CheckConstraint(
                condition=models.Q(completed_at__isnull=True) | models.Q(approved_at__isnull=False),
                name="assessment_completed_is_approved",
            ),
        ]

    def __str__(self):
        return str(self.initiative)

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None


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
    motivation = TextBlockField(_("motivering"), blank=True, max_length=TEXT_MEDIUM)
    # Which of the case's attachments support the verdict (only the same case's: see services).
    attachments = models.ManyToManyField(
        "initiatives.Attachment",
        blank=True,
        related_name="criterion_assessments",
        verbose_name=_("underlag"),
    )
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


class AssessmentRevision(models.Model):
    """A frozen copy of an assessment as it was approved; a later revision never changes it."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("bedömning")
    )
    revision = models.PositiveSmallIntegerField(_("revision"))
    criteria_set = models.ForeignKey(
        CriteriaSet, on_delete=models.PROTECT, verbose_name=_("kriterieuppsättning")
    )
    recommendation = models.CharField(
        _("rekommendation"), max_length=20, choices=Recommendation.choices
    )
    summary = TextBlockField(_("sammanfattning"), max_length=TEXT_LONG)
    considerations = TextBlockField(
        _("förvaltningens synpunkter"), blank=True, max_length=TEXT_LONG
    )
    # One entry per criterion: position, text, verdict, motivation and the linked attachments.
    answers = models.JSONField(_("bedömda kriterier"), default=list)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("senast sparad av"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("godkänd av"),
    )
    approved_at = models.DateTimeField(_("godkänd"))

    class Meta:
        verbose_name = _("godkänd revision")
        verbose_name_plural = _("godkända revisioner")
        ordering = ["assessment", "-revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "revision"], name="assessmentrevision_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(approved_by=models.F("saved_by")),
                name="assessmentrevision_four_eyes",
            ),
        ]

    def __str__(self):
        return _("Revision %(n)s") % {"n": self.revision}
