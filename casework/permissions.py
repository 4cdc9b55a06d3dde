"""Who may write messages and follow-up reports on a case; built on initiatives.permissions."""

from initiatives import permissions
from initiatives.models import Initiative, Status
from organisations.models import Membership


def is_member(user, initiative: Initiative) -> bool:
    return bool(
        user.is_authenticated
        and Membership.objects.filter(
            user=user, organisation_id=initiative.organisation_id
        ).exists()
    )


def can_message(user, initiative: Initiative, *, member: bool | None = None) -> bool:
    """Both sides write on a submitted case until it is closed; a draft has no one to read it.

    `member` is is_member(user, initiative) when the caller already knows it.
    """
    if initiative.status in (Status.DRAFT, Status.CLOSED, Status.DECLINED):
        return False
    if permissions.can_handle_case(user, initiative):
        return True
    return is_member(user, initiative) if member is None else member


def can_report(user, initiative: Initiative, *, member: bool | None = None) -> bool:
    """The organisation reports on an agreement the nämnd has approved."""
    if initiative.status != Status.ACTIVE:
        return False
    return is_member(user, initiative) if member is None else member
