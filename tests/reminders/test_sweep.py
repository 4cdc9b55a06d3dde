"""The reminder sweep: one query for what is due, bounded batches, claim and mail together."""

import datetime
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agreements.models import Party, ReportDate
from core.models import OutboxMail
from reminders import services as reminder_services
from reminders import sweep as reminders
from reminders.models import ReminderRule, SentReminder
from term import services as term_services

from ..term.many import copies_of_case

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2027, 6, 25)  # town.active()'s first report date, 2027-07-02, is due


def reminder_mails():
    return OutboxMail.objects.filter(template__startswith="reminder_")


def sweep(today=TODAY) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as counted:
        queued = reminder_services.reminders_send_due(today=today)
    # The test runs in a transaction, so each batch's atomic block is a savepoint here; in a
    # worker it is a transaction of its own (BEGIN and COMMIT are not queries Django counts).
    sql = [q["sql"] for q in counted.captured_queries if "SAVEPOINT" not in q["sql"]]
    return queued, sql


def test_a_thousand_due_reminders_take_a_few_queries_and_the_next_run_one_per_rule(town, settings):
    settings.IOP_REMINDER_BATCH_SIZE = 200
    case = town.active()
    # 500 agreements due (2 reminders each: the contact and the handläggare), 500 not due.
    copies_of_case(case, 499, due_date=datetime.date(2027, 7, 1))
    copies_of_case(case, 500, due_date=datetime.date(2028, 3, 1), offset=1000)
    queued, sql = sweep()
    assert queued == 1000
    # The rules (one query); the report rule: 3 batches of 200 dates × (select, claims,
    # mails), then an empty select; every other rule of every förvaltning: one empty select.
    rules = ReminderRule.objects.filter(active=True).count()
    print(f"\nsweep: {queued} due reminders in {len(sql)} queries ({rules} rules)")
    assert len(sql) == 1 + 3 * 3 + 1 + (rules - 1), "\n".join(sql)
    assert SentReminder.objects.count() == reminder_mails().count() == 1000
    # Each contact once, the handläggare (the same person for all 500 cases) once per case.
    recipients = Counter(r for (r,) in reminder_mails().values_list("recipients", flat=True))
    assert recipients[town.handlaggare.email] == 500 and set(recipients.values()) == {1, 500}
    again, sql = sweep()
    print(f"sweep again: {again} reminders in {len(sql)} queries")
    assert again == 0 and len(sql) == 1 + rules


def test_a_crash_inside_a_batch_loses_and_doubles_nothing(town, settings, monkeypatch):
    settings.IOP_REMINDER_BATCH_SIZE = 10
    copies_of_case(town.active(), 29, due_date=datetime.date(2027, 7, 1))
    rendered = []
    real = reminders.render_mail

    def render_until_the_crash(*args, **kwargs):
        rendered.append(1)
        if len(rendered) == 25:  # in the second batch
            raise RuntimeError("the worker dies here")
        return real(*args, **kwargs)

    monkeypatch.setattr(reminders, "render_mail", render_until_the_crash)
    with pytest.raises(RuntimeError):
        reminder_services.reminders_send_due(today=TODAY)
    # The first batch (10 dates, 20 reminders) committed both halves; the second neither.
    assert SentReminder.objects.count() == reminder_mails().count() == 20
    monkeypatch.setattr(reminders, "render_mail", real)
    assert reminder_services.reminders_send_due(today=TODAY) == 40
    keys = SentReminder.objects.values_list("rule", "target_id", "due_date", "round", "recipient")
    assert SentReminder.objects.count() == reminder_mails().count() == 60 == len(set(keys))


def test_a_passed_report_date_never_reminded_is_reminded_unless_the_report_is_in(town):
    case = town.active()
    first = ReportDate.objects.filter(agreement__initiative=case).order_by("due_date").first()
    assert first.due_date == datetime.date(2027, 7, 2)
    # The sweep did not run for a week after the date: the reminder before it is sent late,
    # and the one a week after (the default overdue rule) on its day, each to both.
    assert reminder_services.reminders_send_due(today=datetime.date(2027, 7, 9)) == 4
    assert set(SentReminder.objects.values_list("due_date", flat=True)) == {first.due_date}
    assert reminder_services.reminders_send_due(today=datetime.date(2027, 7, 10)) == 0


def test_a_submitted_report_is_not_reminded_after_its_date(town):
    case = town.active()
    first = ReportDate.objects.filter(agreement__initiative=case).order_by("due_date").first()
    municipality = case.agreement.contributions.filter(party=Party.MUNICIPALITY)
    term_services.report_submit(
        report_date=first,
        by=town.member,
        activities_done="Läxhjälp varje vecka.",
        participants_reached=40,
        money_used={c.pk: 1000 for c in municipality},
    )
    assert reminder_services.reminders_send_due(today=datetime.date(2027, 7, 9)) == 0


def test_a_new_handlaggare_is_reminded_and_the_contact_not_again(town):
    case = town.active()
    assert reminder_services.reminders_send_due(today=TODAY) == 2
    case.handlaggare = town.colleague
    case.save(update_fields=["handlaggare"])
    assert reminder_services.reminders_send_due(today=TODAY) == 1
    assert OutboxMail.objects.filter(recipients=[town.colleague.email]).count() == 1
