"""Celery tasks of the reminders; each calls one service."""

from celery import shared_task

from . import digest, services


@shared_task(name="reminders.tasks.send_reminders", time_limit=600, soft_time_limit=540)
def send_reminders() -> dict:
    """Send the reminders that are due today; safe to run twice or on two workers at once.

    Return how many each rule sent, by the rule's pk (as text, for the result backend's JSON).
    """
    return {str(pk): n for pk, n in services.reminders_send_due_by_rule().items()}


@shared_task(name="reminders.tasks.send_weekly_digest", time_limit=600, soft_time_limit=540)
def send_weekly_digest() -> int:
    """Send this week's digest to each handläggare who has not had it; safe to run twice."""
    return digest.digests_send()
