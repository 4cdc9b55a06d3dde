"""Who an account is, and whose accounts it sees: the policy every other policy asks first."""

from django.contrib.auth import get_user_model
from django.db.models import QuerySet


def is_active_user(user) -> bool:
    """Signed in with an account that is not switched off."""
    return bool(user.is_authenticated and user.is_active)


def is_staff_member(user) -> bool:
    return bool(is_active_user(user) and user.is_staff)


def sees_every_forvaltning(user) -> bool:
    """Superusers work across förvaltningar; everyone else is held to their own."""
    return bool(user.is_superuser)


def users_visible(user, queryset: QuerySet | None = None) -> QuerySet:
    """The accounts `user` may see: all for a superuser; for anyone else given the right to see
    accounts, the staff of their own förvaltning, never an organisation member's account (the
    admin's autocomplete for users searches this queryset too)."""
    qs = get_user_model().objects.all() if queryset is None else queryset
    if sees_every_forvaltning(user):
        return qs
    return qs.filter(is_staff=True, forvaltning_id=user.forvaltning_id or -1)


def account_page_opens(user, account) -> bool:
    """Whether `user` may open `account`'s page in the admin: given the right to see or change
    accounts, and the account among those they see (users_visible)."""
    if not (user.has_perm("accounts.view_user") or user.has_perm("accounts.change_user")):
        return False
    return users_visible(user).filter(pk=account.pk).exists()
