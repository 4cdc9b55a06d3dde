"""The case's state machine: the allowed status changes, and the one function that makes them."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User

from . import extensions
from .models import Initiative, Status, StatusChange
from .next_due import initiative_next_due_refresh

# Every status change a case may make. Services name the change they want; anything not listed
# here is refused, whoever asks.
TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.DRAFT: frozenset({Status.SUBMITTED}),
    Status.SUBMITTED: frozenset({Status.ASSESSMENT}),
    Status.ASSESSMENT: frozenset({Status.AGREEMENT, Status.DECLINED}),
    Status.AGREEMENT: frozenset({Status.DECISION}),
    # Back to AGREEMENT is the nämnd sending the case back (återremiss); after an approval the
    # partnership starts only once both parties have signed the agreement.
    Status.DECISION: frozenset({Status.SIGNING, Status.DECLINED, Status.AGREEMENT}),
    Status.SIGNING: frozenset({Status.ACTIVE}),
    # TERMINATED is an uppsägning before the term's end (term.termination_services).
    Status.ACTIVE: frozenset({Status.CLOSED, Status.TERMINATED}),
    Status.CLOSED: frozenset(),
    Status.TERMINATED: frozenset(),
    Status.DECLINED: frozenset(),
}


class TransitionNotAllowed(ValidationError):
    """A status change the case's current status does not allow."""


def lock_initiative(initiative_id: int) -> Initiative:
    """Return the case row locked for the rest of the transaction."""
    return Initiative.objects.select_for_update().get(pk=initiative_id)


@transaction.atomic
def initiative_transition(
    *, initiative: Initiative, to: Status, by: User, note: str = ""
) -> Initiative:
    """Move the case to status `to`, or raise TransitionNotAllowed; record who, when, from, to.

    The row is locked first so that two people acting at once cannot both move the case from
    the same status.
    """
    locked = lock_initiative(initiative.pk)
    current = Status(locked.status)
    if to not in TRANSITIONS[current]:
        raise TransitionNotAllowed(
            _("Ärendet har status ”%(current)s” och kan inte gå till ”%(target)s”.")
            % {"current": current.label, "target": Status(to).label},
            code="transition_not_allowed",
        )
    locked.status = to
    locked._history_user = by if getattr(by, "pk", None) else None
    locked.save(update_fields=["status", "updated_at"])
    StatusChange.objects.create(
        initiative=locked,
        from_status=current,
        to_status=to,
        changed_by=by if getattr(by, "pk", None) else None,
        note=note[:300],
    )
    # What counts towards the next date depends on the status (an active partnership's dates).
    if {current, Status(to)} & extensions.next_due_statuses:
        initiative.next_due = initiative_next_due_refresh(initiative=locked)
    initiative.status = to
    return initiative
