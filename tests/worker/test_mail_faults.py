"""Faults with real servers: the mail server or the broker down during a submit, a refused
address among 100 reminders, a worker killed in the middle of a batch."""

# The test process is no task, but an earlier test that ran a worker in-process can leave
# Celery believing so; results are read with disable_sync_subtasks=False for that reason.
import contextlib
import datetime
import os
import signal

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import OutboxMail
from initiatives.models import Initiative, Status
from iop_portal.celery import app
from reminders.tasks import send_reminders as send_follow_up_reminders

from .. import factories
from ..smtp_server import SMTPServer, free_port
from ..term.many import copies_of_case
from .processes import beat, running, smtp_env, stop, wait_until, worker


def sweep_once() -> int:
    """Run the reminder task on a worker; how many reminders it queued (over all rules)."""
    result = send_follow_up_reminders.delay().get(timeout=60, disable_sync_subtasks=False)
    return sum(result.values())


pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs the test Redis (make test)"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def submit(client, town) -> tuple:
    draft = town.draft()
    client.force_login(town.member)
    response = client.post(
        reverse("initiatives:step", args=[draft.pk, "granska"]), {"submit": "1"}, follow=True
    )
    return response, Initiative.objects.get(pk=draft.pk)


def submit_recipients(town) -> set[str]:
    """Who a submit mails: the receipt to the member and the organisation, the new case to the
    förvaltning's sakkunnig."""
    return {town.member.email, town.org.contact_email, town.sof.contact_email}


def receipt() -> OutboxMail:
    return OutboxMail.objects.get(template="initiative_receipt")


@contextlib.contextmanager
def broker_at(url: str):
    """This process's Celery app publishes to `url` (its pools opened anew) inside the block."""

    def reopen():
        # Dropped, not closed: kombu keeps its pools per URL and hands the live one back after.
        app._pool = None
        app.amqp._producer_pool = None

    before = app.conf.broker_url
    reopen()
    app.conf.broker_url = url
    try:
        yield
    finally:
        reopen()
        app.conf.broker_url = before


def smtp_here(settings, port: int) -> None:
    """This process mails through the same server as the worker (as the portal did in the
    request before the outbox), so a send in the request would meet the same outage."""
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "use_tls": False, "timeout": 5},
        }
    }


def test_the_mail_server_down_during_a_submit(client, settings, tmp_path):
    town = factories.Town.create()
    port = free_port()
    smtp_here(settings, port)
    env = smtp_env(port)
    with running(worker("w1", env), beat(tmp_path, env)):
        response, case = submit(client, town)
        # The organisation gets its receipt page; the case is registered.
        assert response.status_code == 200
        assert case.status == Status.SUBMITTED and case.diarienummer in response.content.decode()
        mail = wait_until(
            lambda: OutboxMail.objects.filter(
                template="initiative_receipt", attempts__gte=1
            ).first()
        )
        assert mail.status == OutboxMail.Status.PENDING and "Connection" in mail.last_error
        # The server comes back: a retry sends the receipt, and the sakkunnig's notice of a
        # case nobody handles yet.
        with SMTPServer(port) as server:
            delivered = server.wait_for(3)
            wait_until(lambda: receipt().status == OutboxMail.Status.SENT)
    assert sorted(delivered) == sorted(submit_recipients(town))
    assert case.diarienummer in server.received[0].message["Subject"]


def test_the_broker_down_during_a_submit(client, settings, tmp_path):
    town = factories.Town.create()
    with broker_at(f"redis://127.0.0.1:{free_port()}/0"):
        response, case = submit(client, town)
    assert response.status_code == 200 and case.status == Status.SUBMITTED
    # The row waits: no worker was asked.
    mail = receipt()
    assert mail.status == OutboxMail.Status.PENDING and mail.attempts == 0
    # The broker is back; the periodic pick-up finds the row.
    with SMTPServer() as server:
        env = smtp_env(server.port)
        with running(worker("w1", env), beat(tmp_path, env)):
            delivered = server.wait_for(3)
            wait_until(lambda: receipt().status == OutboxMail.Status.SENT)
    assert sorted(delivered) == sorted(submit_recipients(town))


def due_reminders(count: int):
    town = factories.Town.create()
    due = timezone.localdate() + datetime.timedelta(days=3)
    # The copies have no handläggare: one reminder each, to its own organisation's contact.
    copies_of_case(town.active(), count, due_date=due, handlaggare=False)
    return town


def test_a_refused_address_among_100_reminders_fails_only_itself(tmp_path):
    due_reminders(100)
    refused = "kontakt41@many.example"
    with SMTPServer(refuse=[refused]) as server, running(worker("w1", smtp_env(server.port))):
        assert (
            sum(
                send_follow_up_reminders.delay()
                .get(timeout=60, disable_sync_subtasks=False)
                .values()
            )
            == 100
        )
        wait_until(
            lambda: (
                not OutboxMail.objects.filter(
                    template="reminder_report", status=OutboxMail.Status.PENDING
                ).exists()
            )
        )
        delivered = server.to(subject="Påminnelse")
    mails = OutboxMail.objects.filter(template="reminder_report")
    assert mails.filter(status=OutboxMail.Status.SENT).count() == 99 == len(set(delivered))
    (failed,) = mails.filter(status=OutboxMail.Status.FAILED)
    assert failed.recipients == [refused] and "550" in failed.last_error
    assert refused not in delivered


def test_a_worker_killed_in_the_middle_of_a_batch_loses_and_doubles_nothing(tmp_path):
    due_reminders(100)
    # The server holds the 31st mail at its recipient: the worker is killed there, before the
    # server has accepted it.
    with SMTPServer(hold_at="kontakt30@many.example") as server:
        env = smtp_env(server.port)
        first = worker("w1", env)
        try:
            assert (
                sum(
                    send_follow_up_reminders.delay()
                    .get(timeout=60, disable_sync_subtasks=False)
                    .values()
                )
                == 100
            )
            assert server.holding.wait(60)
            assert len(server.to(subject="Påminnelse")) == 30
        finally:
            stop(first, signal.SIGKILL)
        server.release.set()
        # Another worker and the beat's pick-up take over once the dead worker's lease ends.
        with running(worker("w2", env), beat(tmp_path, env)):
            delivered = server.wait_for(100, subject="Påminnelse")
            wait_until(
                lambda: (
                    OutboxMail.objects.filter(
                        template="reminder_report", status=OutboxMail.Status.SENT
                    ).count()
                    == 100
                )
            )
    assert len(delivered) == len(set(delivered)) == 100
