"""The partnership's goals and the changes made to the agreement during the term."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.fields import TEXT_MEDIUM, LineField, TextBlockField

from .agreement import Agreement
from .signing import AgreementVersion


class AgreementGoal(models.Model):
    """One goal of the agreement, how it is measured (indicator) and what counts as met (target).

    Reports answer per goal and the evaluation judges per goal; the free-text clauses keep what
    is not a goal.
    """

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="goals", verbose_name=_("avtal")
    )
    order = models.PositiveSmallIntegerField(_("ordning"))
    goal = TextBlockField(_("mål"), max_length=TEXT_MEDIUM)
    indicator = LineField(_("indikator"), max_length=300, blank=True)
    target = LineField(
        _("målvärde"),
        max_length=300,
        blank=True,
        help_text=_("Till exempel ”200 möten mellan nyanlända och etablerade stockholmare”."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "order"], name="agreementgoal_order"),
            models.CheckConstraint(
                condition=~Q(goal=""),
                name="agreementgoal_not_empty",
                violation_error_message=_("Skriv målet."),
            ),
        ]

    def __str__(self):
        return self.goal


class AgreementAmendment(models.Model):
    """A change of the agreement during the term (tillägg): who, when, why, before and after.

    `before` and `after` hold the changed values only (term and report dates); `version` is the
    agreement version the change produced, which the organisation reads.
    """

    agreement = models.ForeignKey(
        Agreement, on_delete=models.PROTECT, related_name="amendments", verbose_name=_("avtal")
    )
    number = models.PositiveIntegerField(_("nummer"))
    reason = TextBlockField(_("skäl"), max_length=TEXT_MEDIUM)
    before = models.JSONField(_("före"))
    after = models.JSONField(_("efter"))
    needs_new_decision = models.BooleanField(_("kräver nytt beslut"), default=False)
    version = models.OneToOneField(
        AgreementVersion,
        on_delete=models.PROTECT,
        related_name="amendment",
        verbose_name=_("avtalsversion"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ändrat av"),
    )
    created_at = models.DateTimeField(_("ändrat"), auto_now_add=True)

    class Meta:
        verbose_name = _("avtalsändring")
        verbose_name_plural = _("avtalsändringar")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "number"], name="agreementamendment_unique"
            ),
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="agreementamendment_reason",
                violation_error_message=_("Skriv varför avtalet ändras."),
            ),
        ]

    def __str__(self):
        return _("Ändring %(n)s") % {"n": self.number}
