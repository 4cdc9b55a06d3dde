"""Celery tasks of the case; each calls one service."""

from celery import shared_task

from . import next_due


@shared_task(name="initiatives.tasks.refresh_passed_next_due", time_limit=600, soft_time_limit=540)
def refresh_passed_next_due() -> int:
    """Move on the next date of cases whose date passed overnight; safe to run twice."""
    return next_due.initiatives_next_due_passed_refresh()
