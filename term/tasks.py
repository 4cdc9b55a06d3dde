"""Celery tasks of the term; each calls one service."""

from celery import shared_task

from . import services


@shared_task(name="term.tasks.send_follow_up_reminders", time_limit=600, soft_time_limit=540)
def send_follow_up_reminders() -> int:
    """Send the reminders that are due today; safe to run twice or on two workers at once."""
    return services.reminders_send_due()
