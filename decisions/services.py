"""Writes of the nämnd's decision: check it can be recorded, record it and move the case on."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.notifications import send_on_commit
from initiatives.models import Initiative, Status
from initiatives.workflow import initiative_transition, lock_initiative

from . import permissions, selectors
from .models import Decision


def decision_check(*, initiative: Initiative, by: User, namnd, meeting_date, paragraph) -> None:
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
    tjansteutlatande = selectors.tjansteutlatande_upprattat(initiative=initiative)
    if tjansteutlatande is None:
        raise ValidationError(
            _(
                "Ärendet har inget upprättat tjänsteutlåtande. Nämnden beslutar på förvaltningens "
                "upprättade tjänsteutlåtande; låt det godkännas först."
            ),
            code="no_tjansteutlatande",
        )
    if meeting_date and tjansteutlatande.upprattad_on > meeting_date:
        raise ValidationError(
            {
                "meeting_date": _(
                    "Tjänsteutlåtandet upprättades %(date)s, efter sammanträdet; nämnden kan "
                    "bara besluta på ett utlåtande som fanns före sammanträdet."
                )
                % {"date": tjansteutlatande.upprattad_on.isoformat()}
            }
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
    by: User,
    meeting_date: datetime.date,
    paragraph: int,
    outcome: str,
    decision_text: str,
    decision_process: str = "",
    adjusted_immediately: bool = False,
) -> Decision:
    """Record the nämnd's decision: approval sends the agreement for signing, rejection ends
    the case, återremiss returns it to drafting."""
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
        Decision.Outcome.APPROVED: Status.SIGNING,
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
