"""Who may report on a case during the term, evaluate it, and see its reports; built on
initiatives.permissions."""

from django.db.models import QuerySet

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


def can_evaluate(user, initiative: Initiative) -> bool:
    """The staff handling the case evaluate the partnership when its term is over."""
    return permissions.can_handle_case(user, initiative)


def follow_up_reports_visible(user, queryset: QuerySet) -> QuerySet:
    """The follow-up reports of the cases `user` handles (staff of the case's förvaltning)."""
    return queryset.filter(permissions.staff_scope(user, "report_date__agreement__initiative"))


def can_review(user, initiative: Initiative) -> bool:
    """The staff handling the case accept a report or return it for completion."""
    return permissions.can_handle_case(user, initiative)


def can_terminate(user, initiative: Initiative) -> bool:
    """The staff handling the case record an early termination (uppsägning) of its agreement."""
    return permissions.can_handle_case(user, initiative)


def evaluations_visible(user, queryset: QuerySet) -> QuerySet:
    """The evaluations of the cases `user` handles (staff of the case's förvaltning)."""
    return queryset.filter(permissions.staff_scope(user, "initiative"))


def terminations_visible(user, queryset: QuerySet) -> QuerySet:
    """The early terminations of the cases `user` handles (staff of the case's förvaltning)."""
    return queryset.filter(permissions.staff_scope(user, "agreement__initiative"))
