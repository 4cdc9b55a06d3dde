"""Who may report on a case during the term; built on initiatives.permissions."""

from initiatives import permissions
from initiatives.models import Initiative, Status


def can_report(user, initiative: Initiative, *, member: bool | None = None) -> bool:
    """The organisation reports on an agreement the nämnd has approved.

    `member` is initiatives.permissions.is_case_member(user, initiative) when the caller
    already knows it.
    """
    if initiative.status != Status.ACTIVE:
        return False
    return permissions.is_case_member(user, initiative) if member is None else member
