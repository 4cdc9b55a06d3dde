"""The reminder task on real Celery workers and the test Redis: each reminder goes out once."""

import datetime
import email
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from agreements.models import Agreement, ReportDate, SentReminder
from agreements.tasks import send_follow_up_reminders

from .. import factories

pytestmark = [pytest.mark.celery_worker]
BASE_DIR = Path(__file__).resolve().parents[2]  # the settings' BASE_DIR, without reading them


def _database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _start_worker(name: str, mail_dir: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "EMAIL_FILE_PATH": str(mail_dir),
        "DJANGO_SETTINGS_MODULE": "iop_portal.settings",
    }
    env.pop("EMAIL_HOST", None)
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "iop_portal",
            "worker",
            "--pool=solo",
            f"--hostname={name}@%h",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def _messages(mail_dir: Path) -> list[email.message.Message]:
    # The file backend writes each message followed by a line of 79 dashes.
    chunks = [c for p in sorted(mail_dir.glob("*.log")) for c in p.read_text().split("-" * 79)]
    return [email.message_from_string(c.strip()) for c in chunks if c.strip()]


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs the test Redis (make test)")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
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
    ) == [
        start + (end - start) / 2,
        end,
    ]

    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    workers = [_start_worker(f"w{i}", mail_dir) for i in (1, 2)]
    try:
        results = [send_follow_up_reminders.delay() for _ in range(2)]
        sent = [r.get(timeout=60) for r in results]
        # Once more after both finished: nothing is left to send.
        sent.append(send_follow_up_reminders.delay().get(timeout=60))
    finally:
        for w in workers:
            w.send_signal(signal.SIGTERM)
        for w in workers:
            try:
                output, _ = w.communicate(timeout=20)
            except subprocess.TimeoutExpired:
                w.kill()
                output, _ = w.communicate()
            # Shown by pytest only when the test fails.
            print(output.decode(errors="replace"))

    # The two concurrent runs may share the work in any split; together they send each once.
    assert sum(sent[:2]) == 4 and sent[2] == 0, sent
    messages = _messages(mail_dir)
    delivered = sorted((m["To"], m["Subject"].split(":")[0]) for m in messages)
    assert len(messages) == 4, [m["Subject"] for m in messages]
    assert {to for to, _ in delivered} == {town.org.contact_email, town.handlaggare.email}
    assert SentReminder.objects.filter(agreement=agreement).count() == 4
    assert set(SentReminder.objects.values_list("kind", flat=True)) == {"report", "term_end"}
