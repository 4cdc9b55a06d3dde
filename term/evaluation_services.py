"""The end-of-term evaluation: it waits for the final report, judges each goal, and decides
whether the partnership is renewed, changed or ended."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User
from agreements.models import Agreement, AgreementGoal, ReportDate
from core.notifications import record_text
from initiatives.models import Initiative, Status
from initiatives.workflow import initiative_transition, lock_initiative

from . import permissions
from .models import Evaluation, EvaluationGoal
from .renewal_services import initiative_renew
from .report_selectors import ReportStatus, report_date_status

# A renewal or a change continues the partnership in a new case (term.renewal_services).
CONTINUING = (Evaluation.Outcome.RENEW, Evaluation.Outcome.CHANGE)


def final_report_date(agreement: Agreement) -> ReportDate | None:
    """The agreement's last report date: the final report (slutrapport)."""
    return ReportDate.objects.filter(agreement=agreement).order_by("-due_date", "-pk").first()


def _final_report_check(agreement: Agreement | None, reason: str) -> None:
    final = final_report_date(agreement) if agreement is not None else None
    if final is None:
        return
    status = report_date_status(final)
    if status in (ReportStatus.RECEIVED, ReportStatus.ACCEPTED) or reason.strip():
        return
    if status == ReportStatus.RETURNED:
        message = _(
            "Slutrapporten är återsänd för komplettering. Utvärdera när den kompletterade "
            "rapporten har kommit in, eller skriv varför den inte kommer."
        )
    else:
        message = _(
            "Slutrapporten har inte kommit in. Utvärderingen väntar på den; skriv annars "
            "varför det inte finns någon slutrapport."
        )
    raise ValidationError({"no_final_report_reason": message}, code="no_final_report")


def _goal_rows(agreement, evaluation, goals: dict[int, dict] | None) -> list[EvaluationGoal]:
    """One judgement per goal of the agreement; errors keyed goal_<id> for the form."""
    agreed = list(AgreementGoal.objects.filter(agreement=agreement)) if agreement else []
    goals = goals or {}
    rows, errors = [], {}
    for goal in agreed:
        given = goals.get(goal.pk) or {}
        row = EvaluationGoal(
            evaluation=evaluation,
            goal=goal,
            judgement=given.get("judgement", ""),
            comment=given.get("comment", ""),
        )
        try:
            row.full_clean(exclude=["evaluation", "goal"], validate_unique=False)
        except ValidationError as error:
            if "judgement" in error.message_dict:
                errors[f"goal_{goal.pk}"] = _("Bedöm målet: uppnått, delvis eller ej uppnått.")
            if "comment" in error.message_dict:
                errors[f"goal_{goal.pk}_comment"] = error.message_dict["comment"]
        rows.append(row)
    unknown = set(goals) - {goal.pk for goal in agreed}
    if unknown:
        errors["goal_fulfilment"] = _("Ett bedömt mål hör inte till avtalet.")
    if errors:
        raise ValidationError(errors)
    return rows


@transaction.atomic
def evaluation_record(
    *,
    initiative: Initiative,
    by: User,
    goal_fulfilment: str,
    what_worked: str,
    what_did_not_work: str,
    knowledge_gained: str,
    outcome: str,
    knowledge_sharing: str = "",
    no_final_report_reason: str = "",
    goals: dict[int, dict] | None = None,
    today: datetime.date | None = None,
) -> Evaluation:
    """Record the end-of-term evaluation and close the case; a renewal (or a change) opens the
    next term's case at once.

    `goals` maps each of the agreement's goals (by id) to {"judgement", "comment"}.
    """
    initiative = lock_initiative(initiative.pk)
    if not permissions.can_evaluate(by, initiative):
        raise PermissionDenied
    if initiative.status != Status.ACTIVE:
        raise ValidationError(
            _("Bara ett pågående partnerskap kan utvärderas; ärendet har status ”%(s)s”.")
            % {"s": initiative.get_status_display()},
            code="not_active",
        )
    today = today or timezone.localdate()
    agreement = Agreement.objects.filter(initiative=initiative).first()
    if agreement and agreement.term_end > today:
        raise ValidationError(
            _("Avtalstiden löper till %(end)s; utvärderingen görs när den har gått ut.")
            % {"end": agreement.term_end},
            code="term_not_ended",
        )
    _final_report_check(agreement, no_final_report_reason)
    evaluation = Evaluation(
        initiative=initiative,
        no_final_report_reason=no_final_report_reason,
        goal_fulfilment=goal_fulfilment,
        what_worked=what_worked,
        what_did_not_work=what_did_not_work,
        knowledge_gained=knowledge_gained,
        knowledge_sharing=knowledge_sharing,
        outcome=outcome,
        evaluated_by=by,
    )
    errors = {}
    try:
        evaluation.full_clean(exclude=["initiative", "evaluated_by"])
    except ValidationError as error:
        errors = error.message_dict
    try:
        rows = _goal_rows(agreement, evaluation, goals)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    initiative_transition(
        initiative=initiative,
        to=Status.CLOSED,
        by=by,
        note=record_text(
            gettext_noop("Utvärderad: %(o)s"), o=Evaluation.Outcome(evaluation.outcome).label
        ),
    )
    evaluation.save()
    for row in rows:
        row.evaluation = evaluation
    EvaluationGoal.objects.bulk_create(rows)
    if evaluation.outcome in CONTINUING:
        initiative_renew(initiative=initiative, by=by)
    return evaluation
