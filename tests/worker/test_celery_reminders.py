"""The reminder task on real Celery workers and the test Redis: each reminder goes out once."""

# The test process is no task, but an earlier test that ran a worker in-process can leave
# Celery believing so; results are read with disable_sync_subtasks=False for that reason.
import datetime
import os

import pytest
from django.utils import timezone

from agreements.models import Agreement, ReportDate
from core.models import OutboxMail
from term.models import SentReminder
from term.tasks import send_follow_up_reminders

from .. import factories
from ..smtp_server import SMTPServer
from ..term.many import copies_of_case
from .processes import beat, running, smtp_env, wait_until, worker

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs the test Redis (make test)"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_reminder_task_twice_on_two_workers_sends_each_reminder_once(tmp_path):
    town = factories.Town.create()
    today = timezone.localdate()
    start, end = today - datetime.timedelta(days=170), today + datetime.timedelta(days=10)
    case = town.active(
        term_start=start, term_end=end, meeting_date=start - datetime.timedelta(days=7)
    )
    agreement = Agreement.objects.get(initiative=case)
    # Due: the final report and the term end (both on `end`); the mid-term report is past.
    assert list(
        ReportDate.objects.filter(agreement=agreement).values_list("due_date", flat=True)
    ) == [start + (end - start) / 2, end]

    with SMTPServer() as server, running(*(worker(f"w{i}", smtp_env(server.port)) for i in (1, 2))):
        results = [send_follow_up_reminders.delay() for _ in range(2)]
        sent = [r.get(timeout=60, disable_sync_subtasks=False) for r in results]
        # Once more after both finished: nothing is left to send.
        sent.append(send_follow_up_reminders.delay().get(timeout=60, disable_sync_subtasks=False))
        delivered = server.wait_for(4, subject="Påminnelse")

    # The two concurrent runs may share the work in any split; together they send each once.
    assert sum(sent[:2]) == 4 and sent[2] == 0, sent
    assert sorted(delivered) == sorted([town.org.contact_email, town.handlaggare.email] * 2), (
        delivered
    )
    assert SentReminder.objects.filter(agreement=agreement).count() == 4
    assert set(SentReminder.objects.values_list("kind", flat=True)) == {"report", "term_end"}


def test_two_beat_schedulers_and_two_sweeps_send_each_of_100_reminders_once(tmp_path):
    """Two beats (each scheduling the outbox's pick-up every second) and the reminder sweep
    fired twice at once, as two beats would at 07:00, on two workers."""
    town = factories.Town.create()
    due = timezone.localdate() + datetime.timedelta(days=3)
    copies_of_case(town.active(), 100, due_date=due, handlaggare=False)
    with SMTPServer() as server:
        env = smtp_env(server.port)
        (tmp_path / "a").mkdir()
        (tmp_path / "b").mkdir()
        with running(
            worker("w1", env),
            worker("w2", env),
            beat(tmp_path / "a", env),
            beat(tmp_path / "b", env),
        ):
            results = [send_follow_up_reminders.delay() for _ in range(2)]
            assert sum(r.get(timeout=60, disable_sync_subtasks=False) for r in results) == 100
            wait_until(
                lambda: (
                    OutboxMail.objects.filter(
                        template="reminder_report", status=OutboxMail.Status.SENT
                    ).count()
                    == 100
                )
            )
            delivered = server.wait_for(100, subject="Påminnelse")
    assert len(delivered) == len(set(delivered)) == 100
    assert SentReminder.objects.count() == 100
