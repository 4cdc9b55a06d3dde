"""Who sees and changes a förvaltning's reminder rules, reminders and calendar link."""

from django.db.models import Q, QuerySet

from accounts.permissions import is_staff_member, sees_every_forvaltning


def rules_visible(user, queryset: QuerySet) -> QuerySet:
    """A förvaltning's staff see (and change) its rules; a superuser every förvaltning's."""
    if sees_every_forvaltning(user):
        return queryset
    if is_staff_member(user) and user.forvaltning_id:
        return queryset.filter(forvaltning_id=user.forvaltning_id)
    return queryset.none()


def forvaltningar_for_rules(user, queryset: QuerySet) -> QuerySet:
    """The förvaltningar `user` may add a rule for."""
    if sees_every_forvaltning(user):
        return queryset
    return queryset.filter(Q(pk=user.forvaltning_id) if user.forvaltning_id else Q(pk__in=[]))


def can_use_calendar(user) -> bool:
    """Staff have a calendar of the dates of the cases they handle."""
    return is_staff_member(user)
