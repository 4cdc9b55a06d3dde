"""Celery tasks of the mail outbox; each calls one service and is safe to run twice."""

from celery import shared_task

from . import outbox


@shared_task(
    name="core.tasks.send_outbox_mail", ignore_result=True, time_limit=300, soft_time_limit=270
)
def send_outbox_mail(ids: list[int]) -> int:
    """Send these outbox rows if they are still pending and due (asked for after a commit)."""
    return outbox.outbox_send_due(ids=ids)


@shared_task(
    name="core.tasks.send_pending_mail", ignore_result=True, time_limit=300, soft_time_limit=270
)
def send_pending_mail() -> int:
    """The periodic pick-up: send whatever is pending and due, retries included."""
    return outbox.outbox_send_due()
