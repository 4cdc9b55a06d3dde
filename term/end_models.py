"""The end of a partnership: the evaluation's judgement per goal, and an early termination."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.fields import MAX_KRONOR, TEXT_MEDIUM, TextBlockField, kronor_validators


class EvaluationGoal(models.Model):
    """The evaluation's judgement of one of the agreement's goals."""

    class Judgement(models.TextChoices):
        MET = "met", _("Uppnått")
        PARTLY = "partly", _("Delvis uppnått")
        NOT_MET = "not_met", _("Ej uppnått")

    evaluation = models.ForeignKey(
        "term.Evaluation",
        on_delete=models.PROTECT,
        related_name="goals",
        verbose_name=_("utvärdering"),
    )
    goal = models.ForeignKey(
        "agreements.AgreementGoal",
        on_delete=models.PROTECT,
        related_name="evaluations",
        verbose_name=_("mål"),
    )
    judgement = models.CharField(_("bedömning"), max_length=20, choices=Judgement.choices)
    comment = TextBlockField(_("kommentar"), blank=True, max_length=TEXT_MEDIUM)

    class Meta:
        verbose_name = _("bedömt mål")
        verbose_name_plural = _("bedömda mål")
        ordering = ["goal__order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "goal"], name="evaluationgoal_once"),
            models.CheckConstraint(
                condition=Q(judgement__in=["met", "partly", "not_met"]),
                name="evaluationgoal_judgement_known",
            ),
        ]

    def __str__(self):
        return f"{self.goal}: {self.get_judgement_display()}"


class Termination(models.Model):
    """An agreement ended before its term (uppsägning): why, from when, and what is repaid."""

    agreement = models.OneToOneField(
        "agreements.Agreement",
        on_delete=models.PROTECT,
        related_name="termination",
        verbose_name=_("avtal"),
    )
    reason = TextBlockField(_("skäl till uppsägningen"), max_length=TEXT_MEDIUM)
    ends_on = models.DateField(_("avtalet upphör"))
    # Null where the agreement has no repayment clause or nothing is to be repaid.
    repayment_sek = models.PositiveIntegerField(
        _("belopp att betala tillbaka (kr)"), null=True, blank=True, validators=kronor_validators()
    )
    terminated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("uppsagt av")
    )
    terminated_at = models.DateTimeField(_("registrerad"), auto_now_add=True)

    class Meta:
        verbose_name = _("uppsägning")
        verbose_name_plural = _("uppsägningar")
        constraints = [
            models.CheckConstraint(
                condition=Q(repayment_sek__lte=MAX_KRONOR),
                name="termination_repayment_bounded",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="termination_has_reason"),
        ]

    def __str__(self):
        return str(self.agreement)
