"""Reminder rules as data: before, after, the repeat and the escalation, a watch date; once each."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from agreements.models import ReportDate
from core.models import OutboxMail
from initiatives.models import WatchDate
from reminders import services
from reminders.models import ReminderRule, SentReminder

pytestmark = pytest.mark.django_db
DUE = datetime.date(2027, 7, 2)  # town.active()'s first report date


def mails(today):
    before = set(OutboxMail.objects.values_list("pk", flat=True))
    services.reminders_send_due(today=today)
    new = OutboxMail.objects.exclude(pk__in=before).order_by("pk")
    return [(m.recipients[0], m.subject, m.body) for m in new]


def test_a_new_forvaltning_has_the_default_rules(town):
    rules = ReminderRule.objects.filter(forvaltning=town.sof)
    assert {(r.date_kind, r.direction, r.days) for r in rules} == {
        ("report", "before", 14),
        ("term_end", "before", 60),
        ("report", "after", 7),
        ("watch", "before", 0),
    }
    assert services.rules_create_defaults(forvaltning=town.sof) and rules.count() == 4


def test_before_the_date_the_contact_gets_the_report_form_and_staff_the_case(town):
    case = town.active()
    report = ReportDate.objects.filter(agreement__initiative=case).earliest("due_date")
    assert mails(DUE - datetime.timedelta(days=15)) == []
    sent = mails(DUE - datetime.timedelta(days=14))
    assert {to for to, _, _ in sent} == {town.org.contact_email, town.handlaggare.email}
    body = {to: text for to, _, text in sent}
    assert f"/initiativ/{case.pk}/rapport/{report.pk}/" in body[town.org.contact_email]
    assert f"/admin/initiatives/initiative/{case.pk}/change/" in body[town.handlaggare.email]
    # Exactly once: the next days send nothing more for this rule and date.
    assert mails(DUE - datetime.timedelta(days=13)) == []
    assert mails(DUE) == []


def test_after_the_date_a_repeat_then_the_forvaltning_is_told(town):
    town.active()
    mails(DUE - datetime.timedelta(days=14))  # the reminder before
    first = mails(DUE + datetime.timedelta(days=7))
    assert len(first) == 2 and all("har passerat" in body for _, _, body in first)
    assert mails(DUE + datetime.timedelta(days=8)) == []
    repeat = mails(DUE + datetime.timedelta(days=21))
    assert {to for to, _, _ in repeat} == {town.org.contact_email, town.handlaggare.email}
    escalation = mails(DUE + datetime.timedelta(days=35))
    assert [to for to, _, _ in escalation] == [town.sof.contact_email]
    assert "går till förvaltningen" in escalation[0][2]
    assert mails(DUE + datetime.timedelta(days=36)) == []
    rule = ReminderRule.objects.get(forvaltning=town.sof, direction="after")
    rounds = SentReminder.objects.filter(rule=rule).values_list("round", flat=True)
    assert sorted(rounds) == [0, 0, 1, 1, 2]


def test_a_watch_date_reminds_the_handlaggare_on_its_day(town):
    case = town.in_assessment()
    day = datetime.date(2027, 3, 1)
    watch = WatchDate.objects.create(
        initiative=case, due_date=day, what="Begär in stadgarna", created_by=town.handlaggare
    )
    assert mails(day - datetime.timedelta(days=1)) == []
    sent = mails(day)
    assert [to for to, _, _ in sent] == [town.handlaggare.email]
    assert "Begär in stadgarna" in sent[0][1]
    assert mails(day) == []
    # Done: a watch date that is done reminds nobody (a new rule after the date, say).
    watch.done_at = datetime.datetime(2027, 3, 1, 12, tzinfo=datetime.UTC)
    watch.done_by = town.handlaggare
    watch.save()
    ReminderRule.objects.create(
        forvaltning=town.sof, date_kind="watch", direction="after", days=2, to_sakkunnig=True
    )
    assert mails(day + datetime.timedelta(days=2)) == []


def test_a_rule_per_forvaltning_only_reminds_its_own_cases(town):
    town.active()
    ReminderRule.objects.filter(forvaltning=town.sof).update(active=False)
    assert mails(DUE - datetime.timedelta(days=14)) == []
    # The sakkunnig, when a rule says so.
    ReminderRule.objects.create(
        forvaltning=town.sof,
        date_kind="report",
        direction="before",
        days=3,
        to_handlaggare=False,
        to_sakkunnig=True,
    )
    assert [to for to, _, _ in mails(DUE - datetime.timedelta(days=3))] == [town.sof.contact_email]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"to_handlaggare": False}, "minst en mottagare"),
        ({"date_kind": "watch", "to_contact": True}, "personal"),
        ({"repeats": 2}, "Upprepning"),
        ({"direction": "after", "escalate": True}, "Upprepning"),
    ],
)
def test_a_rule_that_makes_no_sense_is_refused(town, fields, message):
    values = {"date_kind": "report", "direction": "before", "days": 5} | fields
    rule = ReminderRule(forvaltning=town.amf, **values)
    with pytest.raises(ValidationError, match=message):
        rule.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        rule.save()
