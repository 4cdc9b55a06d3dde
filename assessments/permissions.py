"""Who may keep the criteria sets and assess a case; built on initiatives.permissions."""

from initiatives.models import Initiative
from initiatives.permissions import can_handle_case


def can_add_criteria_set(user) -> bool:
    return user.has_perm("assessments.add_criteriaset")


def can_change_criteria_set(user) -> bool:
    return user.has_perm("assessments.change_criteriaset")


def can_view_assessments(user) -> bool:
    """Whoever may see assessments sees their approved revisions too: they are its history."""
    return user.has_perm("assessments.view_assessment")


def can_assess(user, initiative: Initiative) -> bool:
    """The staff handling the case start, record, approve and complete its assessment."""
    return can_handle_case(user, initiative)
