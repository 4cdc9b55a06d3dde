"""Writes of the reminders: the rules a förvaltning starts with, the sweep, the digest, the
calendar link."""

import secrets

from django.db import transaction

from .defaults import default_rules
from .models import CalendarToken, ReminderRule
from .sweep import reminders_send_due, reminders_send_due_by_rule  # noqa: F401  (the sweep)


def rules_create_defaults(*, forvaltning) -> list[ReminderRule]:
    """Give `forvaltning` the default rules it does not have yet."""
    with transaction.atomic():
        return [
            ReminderRule.objects.get_or_create(
                forvaltning=forvaltning,
                date_kind=values["date_kind"],
                direction=values["direction"],
                days=values["days"],
                defaults=values,
            )[0]
            for values in default_rules()
        ]


def rules_seed_on_create(sender, instance, created, raw=False, **kwargs):
    """post_save of a Forvaltning: a new one gets the default rules (not a fixture's load)."""
    if created and not raw:
        rules_create_defaults(forvaltning=instance)


def calendar_token_reset(*, user) -> CalendarToken:
    """A new private calendar link for `user`; the old one stops working."""
    with transaction.atomic():
        token, _ = CalendarToken.objects.update_or_create(
            user=user, defaults={"token": secrets.token_urlsafe(32)}
        )
        return token


def calendar_token_for(*, user) -> CalendarToken:
    """The user's calendar link, made on first use."""
    with transaction.atomic():
        token = CalendarToken.objects.filter(user=user).first()
        return token or calendar_token_reset(user=user)
