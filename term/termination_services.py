"""Early termination (uppsägning): the reason, the date and, under the agreement's repayment
clause, what the organisation repays (seed 003); the organisation is told."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User
from agreements.models import Agreement, ClauseKind, Contribution, Party
from core.notifications import portal_url, record_text, send_on_commit
from initiatives.message_services import case_document_register, organisation_addresses
from initiatives.models import Status
from initiatives.workflow import initiative_transition, lock_initiative

from . import permissions
from .models import Termination


def has_repayment_clause(agreement: Agreement) -> bool:
    """Whether the agreement says what is repaid if the activity is not carried out."""
    return agreement.clauses.filter(kind=ClauseKind.REPAYMENT).exclude(text="").exists()


@transaction.atomic
def agreement_terminate(
    *,
    agreement: Agreement,
    by: User,
    reason: str,
    date: datetime.date,
    repayment_sek: int | None = None,
) -> Termination:
    """End an active partnership before its term: record why and from when, and the amount to
    be repaid where the repayment clause applies; the case becomes Uppsagt. The uppsägning is
    registered in the diary and sent to the organisation."""
    initiative = lock_initiative(agreement.initiative_id)
    if not permissions.can_terminate(by, initiative):
        raise PermissionDenied
    if initiative.status != Status.ACTIVE:
        raise ValidationError(
            _("Bara ett pågående partnerskap kan sägas upp; ärendet har status ”%(s)s”.")
            % {"s": initiative.get_status_display()},
            code="not_active",
        )
    errors = {}
    if not (reason or "").strip():
        errors["reason"] = _("Skriv skälet till uppsägningen.")
    if date < agreement.term_start or date > agreement.term_end:
        errors["date"] = _("Dagen då avtalet upphör ska ligga inom avtalstiden, %(a)s–%(b)s.") % {
            "a": agreement.term_start,
            "b": agreement.term_end,
        }
    if repayment_sek:
        if not has_repayment_clause(agreement):
            errors["repayment_sek"] = _(
                "Avtalet har ingen punkt om återbetalning; inget belopp kan krävas tillbaka."
            )
        else:
            paid = (
                Contribution.objects.filter(
                    agreement=agreement, party=Party.MUNICIPALITY
                ).aggregate(total=Sum("amount_sek"))["total"]
                or 0
            )
            if repayment_sek > paid:
                errors["repayment_sek"] = _(
                    "Återbetalningen kan inte vara större än kommunens bidrag, %(paid)s kr."
                ) % {"paid": paid}
    termination = Termination(
        agreement=agreement,
        reason=reason,
        ends_on=date,
        repayment_sek=repayment_sek or None,
        terminated_by=by,
    )
    try:
        termination.full_clean(exclude=["agreement", "terminated_by"], validate_unique=False)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault("date" if field == "ends_on" else field, messages)
    if errors:
        raise ValidationError(errors)
    termination.save()
    initiative_transition(
        initiative=initiative,
        to=Status.TERMINATED,
        by=by,
        note=record_text(gettext_noop("Avtalet uppsagt från %(d)s"), d=date.isoformat()),
    )
    case_document_register(
        initiative=initiative,
        by=by,
        received_at=termination.terminated_at,
        subject=gettext_noop("Uppsägning av avtalet från %(date)s"),
        document=gettext_noop("Uppsägning"),
        date=date,
    )
    send_on_commit(
        template="agreement_terminated",
        context={
            "diarienummer": initiative.diarienummer,
            "title": initiative.title,
            "reason": reason,
            "date": date,
            "repayment_sek": termination.repayment_sek,
            "url": portal_url("initiatives:detail", initiative.pk),
        },
        to=organisation_addresses(initiative),
    )
    return termination
