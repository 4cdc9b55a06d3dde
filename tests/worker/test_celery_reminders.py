"""The reminder task on real Celery workers and the test Redis: each reminder goes out once."""

# The test process is no task, but an earlier test that ran a worker in-process can leave
# Celery believing so; results are read with disable_sync_subtasks=False for that reason.
import datetime
import os
from collections import Counter

import pytest
from django.utils import timezone

from agreements.models import Agreement, ReportDate
from core.models import OutboxMail
from initiatives.models import WatchDate
from reminders.models import ReminderRule, SentReminder
from reminders.tasks import send_reminders

from .. import factories
from ..smtp_server import SMTPServer
from ..term.many import copies_of_case
from .processes import beat, running, smtp_env, wait_until, worker

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs the test Redis (make test)"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _rule_name(rule: ReminderRule) -> str:
    name = f"{rule.date_kind} {rule.days} {rule.direction}"
    if rule.repeats or rule.escalate:
        name += f" (+{rule.repeats}×{rule.repeat_every_days}, then förvaltning)"
    return name


def test_the_rules_twice_on_two_workers_send_each_reminder_once(tmp_path):
    """Before a date, after it, a repeat, the escalation and a watch date; the task twice at
    once and once more: each reminder goes out once. Prints what each rule sent."""
    town = factories.Town.create()
    today = timezone.localdate()
    days = datetime.timedelta
    start, end = today - days(170), today + days(10)
    case = town.active(term_start=start, term_end=end, meeting_date=start - days(7))
    agreement = Agreement.objects.get(initiative=case)
    # Due on this case: the final report (before), the term end (before); the mid-term report
    # was due 80 days ago, outside every window.
    assert list(
        ReportDate.objects.filter(agreement=agreement).values_list("due_date", flat=True)
    ) == [start + (end - start) / 2, end]
    # Three cases with a report overdue by 7 (the first overdue reminder), 21 (the repeat) and
    # 35 days (the escalation to the förvaltning); the reminder before is caught up for 30 days.
    for i, late in enumerate((7, 21, 35)):
        copies_of_case(case, 1, due_date=today - days(late), offset=500 + i)
    WatchDate.objects.create(
        initiative=case, due_date=today, what="Ring föreningen", created_by=town.handlaggare
    )

    with SMTPServer() as server, running(*(worker(f"w{i}", smtp_env(server.port)) for i in (1, 2))):
        results = [send_reminders.delay() for _ in range(2)]
        sent = [r.get(timeout=60, disable_sync_subtasks=False) for r in results]
        # Once more after both finished: nothing is left to send.
        sent.append(send_reminders.delay().get(timeout=60, disable_sync_subtasks=False))
        delivered = server.wait_for(20, subject="Påminnelse")

    by_rule = Counter()
    for run in sent[:2]:
        by_rule.update({int(pk): n for pk, n in run.items()})
    rules = {r.pk: r for r in ReminderRule.objects.filter(forvaltning=town.sof)}
    table = {_rule_name(rules[pk]): n for pk, n in by_rule.items() if pk in rules and n}
    print("\nrule → mails sent (two runs at once, then a third):")
    for name, n in sorted(table.items()):
        print(f"  {name}: {n}")
    print(f"  third run: {sum(sent[2].values())}")
    assert table == {
        # The final report (contact, handläggare); the 7 and 21 days late ones caught up.
        "report 14 before": 6,
        # The term end of the case and of its three copies (same agreement term).
        "term_end 60 before": 8,
        # 7 days late: contact + handläggare; 21 days: the repeat to both; 35: the förvaltning.
        "report 7 after (+1×14, then förvaltning)": 5,
        "watch 0 before": 1,
    }, table
    assert sum(sent[2].values()) == 0, sent
    assert len(delivered) == 20, delivered
    assert delivered.count(town.sof.contact_email) == 1
    assert SentReminder.objects.count() == 20
    assert OutboxMail.objects.filter(template__startswith="reminder_").count() == 20


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
            results = [send_reminders.delay() for _ in range(2)]
            runs = [r.get(timeout=60, disable_sync_subtasks=False) for r in results]
            assert sum(n for run in runs for n in run.values()) == 100
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
