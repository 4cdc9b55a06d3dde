"""Writes for the partnership: draft the agreement, decide, remind during the term, evaluate."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from initiatives import permissions
from initiatives.models import Initiative, Status
from initiatives.workflow import initiative_transition, lock_initiative
from iop_portal.notifications import record_language, record_text, send_now, send_on_commit

from . import clauses
from .models import Agreement, Contribution, Decision, Evaluation, Party, ReportDate, SentReminder


@transaction.atomic
def agreement_create_draft(*, initiative: Initiative, by) -> Agreement:
    """Start the agreement from the case's own data and the standard clauses."""
    initiative = lock_initiative(initiative.pk)
    if not permissions.can_handle_case(by, initiative):
        raise PermissionDenied
    if initiative.status != Status.AGREEMENT:
        raise ValidationError(
            _("Ett avtal kan bara tas fram när bedömningen rekommenderar IOP."),
            code="wrong_status",
        )
    if Agreement.objects.filter(initiative=initiative).exists():
        return initiative.agreement
    start = initiative.term_start
    end = initiative.term_end
    with record_language():
        return _agreement_from_case(initiative=initiative, start=start, end=end, by=by)


def _agreement_from_case(*, initiative: Initiative, start, end, by) -> Agreement:
    agreement = Agreement.objects.create(
        initiative=initiative,
        purpose=initiative.challenge,
        activities=initiative.activity,
        term_start=start,
        term_end=end,
        follow_up_clause=clauses.follow_up_clause(),
        knowledge_sharing_clause=clauses.knowledge_sharing_clause(),
        repayment_clause=clauses.repayment_clause(),
        other_clauses=clauses.other_clauses(),
        municipality_signatory=initiative.forvaltning.head_name,
        organisation_signatory=initiative.organisation.contact_name,
        created_by=by,
    )
    for year in range(start.year, end.year + 1):
        if initiative.requested_amount_per_year or initiative.requested_other_resources:
            Contribution.objects.create(
                agreement=agreement,
                party=Party.MUNICIPALITY,
                year=year,
                amount_sek=initiative.requested_amount_per_year or 0,
                in_kind_description=initiative.requested_other_resources,
            )
        Contribution.objects.create(
            agreement=agreement,
            party=Party.ORGANISATION,
            year=year,
            in_kind_description=initiative.own_contribution,
        )
    # A mid-term report (for terms over four months) and a final report at the end.
    if (end - start).days > 120:
        ReportDate.objects.create(
            agreement=agreement,
            due_date=start + (end - start) / 2,
            description=_("Delrapport"),
        )
    ReportDate.objects.create(agreement=agreement, due_date=end, description=_("Slutrapport"))
    return agreement


def agreement_check_complete(*, agreement: Agreement) -> None:
    errors = []
    parties = set(agreement.contributions.values_list("party", flat=True))
    if Party.ORGANISATION not in parties or Party.MUNICIPALITY not in parties:
        errors.append(_("Båda parterna ska ha minst en insats (kriteriet att båda finansierar)."))
    if not agreement.report_dates.exists():
        errors.append(_("Lägg till minst ett rapportdatum för uppföljningen."))
    if not agreement.repayment_clause.strip():
        errors.append(_("Avtalet saknar villkor om återbetalning."))
    if not agreement.knowledge_sharing_clause.strip():
        errors.append(_("Avtalet saknar villkor om hur kunskapen tas tillvara."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def agreement_submit_for_decision(*, agreement: Agreement, by) -> Agreement:
    """Send the finished draft to the nämnd: the case waits for its decision."""
    if not permissions.can_handle_case(by, agreement.initiative):
        raise PermissionDenied
    agreement_check_complete(agreement=agreement)
    initiative_transition(
        initiative=agreement.initiative,
        to=Status.DECISION,
        by=by,
        note=record_text(gettext_noop("Avtalsförslag och tjänsteutlåtande till nämnden")),
    )
    return agreement


def decision_check(*, initiative: Initiative, by, namnd, meeting_date, paragraph) -> None:
    """Raise ValidationError (per field) if the decision cannot be recorded as given."""
    if not permissions.can_record_decision(by, initiative):
        raise PermissionDenied
    if initiative.status != Status.DECISION:
        raise ValidationError(
            _(
                "Ärendet har status ”%(status)s”; ett beslut kan bara registreras när ärendet "
                "ligger för beslut i nämnden."
            )
            % {"status": initiative.get_status_display()},
            code="wrong_status",
        )
    if meeting_date and meeting_date > timezone.localdate():
        raise ValidationError({"meeting_date": _("Sammanträdet kan inte ha ägt rum i framtiden.")})
    if Decision.objects.filter(
        namnd=namnd, meeting_date=meeting_date, paragraph=paragraph
    ).exists():
        raise ValidationError(
            {
                "paragraph": _("§ %(p)s vid sammanträdet %(d)s är redan använd.")
                % {"p": paragraph, "d": meeting_date}
            }
        )


@transaction.atomic
def decision_record(
    *,
    initiative: Initiative,
    by,
    meeting_date: datetime.date,
    paragraph: int,
    outcome: str,
    decision_text: str,
    decision_process: str = "",
    adjusted_immediately: bool = False,
) -> Decision:
    """Record the nämnd's decision; approval starts the partnership, rejection ends the case."""
    initiative = lock_initiative(initiative.pk)
    namnd = initiative.forvaltning.namnd
    decision_check(
        initiative=initiative, by=by, namnd=namnd, meeting_date=meeting_date, paragraph=paragraph
    )
    decision = Decision(
        initiative=initiative,
        namnd=namnd,
        meeting_date=meeting_date,
        paragraph=paragraph,
        outcome=outcome,
        decision_text=decision_text,
        decision_process=decision_process,
        adjusted_immediately=adjusted_immediately,
        recorded_by=by,
    )
    decision.full_clean()
    decision.save()
    target = {
        Decision.Outcome.APPROVED: Status.ACTIVE,
        Decision.Outcome.REJECTED: Status.DECLINED,
        Decision.Outcome.RETURNED: Status.AGREEMENT,
    }[Decision.Outcome(outcome)]
    initiative_transition(initiative=initiative, to=target, by=by, note=str(decision))
    send_on_commit(
        template="decision",
        context={
            "diarienummer": initiative.diarienummer,
            "title": initiative.title,
            "namnd": namnd.name,
            "meeting_date": meeting_date,
            "paragraph": paragraph,
            "outcome": decision.get_outcome_display(),
            "decision_text": decision_text,
        },
        to=[initiative.organisation.contact_email, getattr(initiative.handlaggare, "email", "")],
    )
    return decision


def _due_reminders(today: datetime.date):
    """Yield (agreement, kind, due_date, description) for every reminder due in its window."""
    report_until = today + datetime.timedelta(days=settings.IOP_REMINDER_DAYS_BEFORE_REPORT)
    term_until = today + datetime.timedelta(days=settings.IOP_REMINDER_DAYS_BEFORE_TERM_END)
    active = Agreement.objects.filter(initiative__status=Status.ACTIVE).select_related(
        "initiative__organisation", "initiative__handlaggare", "initiative__forvaltning"
    )
    for report in ReportDate.objects.filter(
        agreement__in=active, due_date__gte=today, due_date__lte=report_until
    ).select_related(
        "agreement__initiative__organisation",
        "agreement__initiative__handlaggare",
        "agreement__initiative__forvaltning",
    ):
        yield report.agreement, SentReminder.Kind.REPORT, report.due_date, report.description
    for agreement in active.filter(term_end__gte=today, term_end__lte=term_until):
        yield agreement, SentReminder.Kind.TERM_END, agreement.term_end, _("Avtalstiden löper ut")


def reminders_send_due(*, today: datetime.date | None = None) -> int:
    """Email each due reminder to the organisation's contact and the handläggare, once.

    Each reminder is claimed by inserting its SentReminder row and the mail is sent inside the
    same transaction: a second worker blocks on the unique row and then skips it, and a mail
    that fails to send rolls the claim back so the next run tries again.
    """
    today = today or timezone.localdate()
    sent = 0
    for agreement, kind, due_date, description in _due_reminders(today):
        initiative = agreement.initiative
        recipients = [initiative.organisation.contact_email]
        if initiative.handlaggare and initiative.handlaggare.email:
            recipients.append(initiative.handlaggare.email)
        for recipient in dict.fromkeys(recipients):
            try:
                with transaction.atomic():
                    SentReminder.objects.create(
                        agreement=agreement, kind=kind, due_date=due_date, recipient=recipient
                    )
                    send_now(
                        template=f"reminder_{kind}",
                        context={
                            "diarienummer": initiative.diarienummer,
                            "title": initiative.title,
                            "organisation": initiative.organisation.name,
                            "due_date": due_date,
                            "description": description,
                            "handlaggare": initiative.handlaggare,
                            "forvaltning": initiative.forvaltning.name,
                        },
                        to=[recipient],
                    )
            except IntegrityError:
                continue
            sent += 1
    return sent


@transaction.atomic
def evaluation_record(
    *,
    initiative: Initiative,
    by,
    goal_fulfilment: str,
    what_worked: str,
    what_did_not_work: str,
    knowledge_gained: str,
    outcome: str,
    today: datetime.date | None = None,
) -> Evaluation:
    """Record the end-of-term evaluation and close the case."""
    initiative = lock_initiative(initiative.pk)
    if not permissions.can_handle_case(by, initiative):
        raise PermissionDenied
    today = today or timezone.localdate()
    agreement = Agreement.objects.filter(initiative=initiative).first()
    if initiative.status == Status.ACTIVE and agreement and agreement.term_end > today:
        raise ValidationError(
            _("Avtalstiden löper till %(end)s; utvärderingen görs när den har gått ut.")
            % {"end": agreement.term_end},
            code="term_not_ended",
        )
    evaluation = Evaluation(
        initiative=initiative,
        goal_fulfilment=goal_fulfilment,
        what_worked=what_worked,
        what_did_not_work=what_did_not_work,
        knowledge_gained=knowledge_gained,
        outcome=outcome,
        evaluated_by=by,
    )
    evaluation.full_clean(exclude=["initiative"])
    initiative_transition(
        initiative=initiative,
        to=Status.CLOSED,
        by=by,
        note=record_text(
            gettext_noop("Utvärderad: %(o)s"), o=Evaluation.Outcome(evaluation.outcome).label
        ),
    )
    evaluation.save()
    return evaluation
