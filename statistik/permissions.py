"""Who sees the statistics, and which rows they count: the cases the user may see, no others.

Built on initiatives.permissions, so a handläggare's figures are their förvaltning's and a
superuser's the whole municipality's, exactly as the case list shows them.
"""

from django.db.models import Q, QuerySet

from accounts.permissions import is_staff_member
from initiatives import permissions as case_permissions


def can_view_statistics(user) -> bool:
    """Staff who may see cases see the statistics of those cases."""
    return is_staff_member(user) and user.has_perm("initiatives.view_initiative")


def cases_counted(user) -> QuerySet:
    """The registered cases `user`'s figures count (drafts are never counted)."""
    return case_permissions.initiatives_visible(user).registered()


def rows_counted(user, case_path: str) -> Q:
    """Filter for another table's rows to count: those whose case (via `case_path`) is counted."""
    return case_permissions.staff_scope(user, case_path)
