"""The mail outbox: a mail is written in its cause's transaction and sent by a worker.

A service queues a mail with `mail_queue` (through core.notifications.send_on_commit) inside its
own transaction: the mail exists exactly when the change that causes it does. After the commit
a task is asked to send it; if the broker is down at that moment nothing is lost, the periodic
pick-up (`core.tasks.send_pending_mail`) finds the row. A worker claims a batch of due rows
(FOR UPDATE SKIP LOCKED, then moves them a lease ahead), sends them over one connection and
marks each sent, or failed with its error: a refused address fails only its own row, a server
out of reach is tried again later with exponential backoff, up to IOP_OUTBOX_MAX_ATTEMPTS.
"""

import datetime
import logging
import smtplib
import time
from functools import partial

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from . import permissions
from .models import OutboxMail

log = logging.getLogger(__name__)

MAX_BACKOFF = datetime.timedelta(hours=6)


def mail_queue(*, subject: str, body: str, to, template: str = "") -> OutboxMail | None:
    """Write one mail to the outbox in the current transaction; sent after it commits."""
    recipients = sorted(set(filter(None, to)))
    if not recipients:
        return None
    mail = OutboxMail.objects.create(
        template=template, subject=subject, body=body, recipients=recipients
    )
    _dispatch_on_commit([mail.pk])
    return mail


def mails_queue(mails: list[OutboxMail]) -> list[OutboxMail]:
    """Write many unsaved OutboxMail rows in one INSERT; sent after the transaction commits."""
    created = OutboxMail.objects.bulk_create(mails)
    _dispatch_on_commit([mail.pk for mail in created])
    return created


def outbox_send_due(*, ids=None, budget_seconds: float = 200.0) -> int:
    """Send the pending mails that are due (only those of `ids` if given); return how many went.

    Works batch by batch until nothing is due or the time budget is spent; what is left waits
    for the next pick-up.
    """
    deadline = time.monotonic() + budget_seconds
    sent = 0
    while time.monotonic() < deadline:
        batch = _claim(ids=ids, limit=settings.IOP_OUTBOX_BATCH_SIZE)
        if not batch:
            break
        sent += _send_batch(batch)
    return sent


@transaction.atomic
def outbox_resend(*, mails, by) -> int:
    """Put failed mails back in the queue with a fresh set of attempts; return how many."""
    if not permissions.can_resend_mail(by):
        raise PermissionDenied
    ids = list(mails.filter(status=OutboxMail.Status.FAILED).values_list("pk", flat=True))
    OutboxMail.objects.filter(pk__in=ids).update(
        status=OutboxMail.Status.PENDING, attempts=0, next_attempt_at=timezone.now(), resent_by=by
    )
    _dispatch_on_commit(ids)
    return len(ids)


def _dispatch_on_commit(ids: list[int]) -> None:
    if ids:
        transaction.on_commit(partial(_dispatch, ids))


def _dispatch(ids: list[int]) -> None:
    """Ask a worker to send these rows now. Never raises: the request that wrote them is done,
    and a row whose task did not reach the broker is sent by the periodic pick-up."""
    from . import tasks  # the task module imports this one

    try:
        tasks.send_outbox_mail.apply_async(args=[ids], retry=False)
    except Exception:
        log.warning("outbox: could not queue the send of %s; the pick-up will", ids, exc_info=True)


def _claim(*, ids, limit: int) -> list[OutboxMail]:
    now = timezone.now()
    with transaction.atomic():
        due = OutboxMail.objects.filter(status=OutboxMail.Status.PENDING, next_attempt_at__lte=now)
        if ids is not None:
            due = due.filter(pk__in=ids)
        batch = list(
            due.select_for_update(skip_locked=True).order_by("next_attempt_at", "pk")[:limit]
        )
        if batch:
            lease = datetime.timedelta(seconds=settings.IOP_OUTBOX_LEASE_SECONDS)
            OutboxMail.objects.filter(pk__in=[mail.pk for mail in batch]).update(
                attempts=F("attempts") + 1, next_attempt_at=now + lease
            )
    for mail in batch:
        mail.attempts += 1
    return batch


def _send_batch(batch: list[OutboxMail]) -> int:
    connection = mailers.default
    try:
        connection.open()
    except Exception as error:
        _failed(batch, error)
        return 0
    sent = 0
    try:
        for position, mail in enumerate(batch):
            try:
                connection.send_messages(
                    [EmailMessage(mail.subject, mail.body, None, mail.recipients)]
                )
            except SoftTimeLimitExceeded:
                raise  # the rest keep their lease and go out with a later pick-up
            except Exception as error:
                if _unreachable(error):
                    # The server is gone: the rest of the batch would fail the same way.
                    _failed(batch[position:], error)
                    break
                _failed([mail], error)
            else:
                OutboxMail.objects.filter(pk=mail.pk).update(
                    status=OutboxMail.Status.SENT, sent_at=timezone.now(), last_error=""
                )
                sent += 1
    finally:
        try:
            connection.close()
        except Exception:
            log.debug("outbox: closing the mail connection failed", exc_info=True)
    return sent


def _unreachable(error: Exception) -> bool:
    """A connection-level failure (refused, timed out, dropped), not an answer about one mail."""
    answered = (smtplib.SMTPRecipientsRefused, smtplib.SMTPResponseException)
    return isinstance(error, OSError) and not isinstance(error, answered)


def _permanent(error: Exception) -> bool:
    """The server said no for good (5xx), or the mail cannot be sent as written."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _message in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    return isinstance(error, (ValueError, TypeError, UnicodeError))


def _failed(mails: list[OutboxMail], error: Exception) -> None:
    now = timezone.now()
    text = f"{type(error).__name__}: {error}"[:2000]
    permanent = _permanent(error)
    for mail in mails:
        give_up = permanent or mail.attempts >= settings.IOP_OUTBOX_MAX_ATTEMPTS
        delay = min(
            datetime.timedelta(
                seconds=settings.IOP_OUTBOX_RETRY_SECONDS * 2 ** (mail.attempts - 1)
            ),
            MAX_BACKOFF,
        )
        OutboxMail.objects.filter(pk=mail.pk).update(
            status=OutboxMail.Status.FAILED if give_up else OutboxMail.Status.PENDING,
            last_error=text,
            next_attempt_at=now + delay,
        )
        log.warning(
            "outbox: mail %s to %s failed (attempt %s%s): %s",
            mail.pk,
            mail.recipients,
            mail.attempts,
            ", given up" if give_up else "",
            text,
        )
