"""The reminder sweep: per rule, find the due (date, round, recipient) not yet claimed, claim and
queue them.

A rule names a kind of date (a report date, the term's end, a watch date) and an offset; with
repeats, an overdue date is reminded again every n days and then, with escalation, once more to
the förvaltning. The sweep asks the database, per active rule, for one batch of dates with a
recipient not yet reminded in the round due today (one query: the round is a CASE over the date
windows, the claims are checked with NOT EXISTS), then in one transaction inserts the claims
(SentReminder, ON CONFLICT DO NOTHING RETURNING, so a second sweep running at the same time gets
nothing for rows the first one claimed) and the outbox rows of the claims it won. A crash before
the commit leaves neither; after it, both. A run with nothing new costs one query for the rules
and one per rule.
"""

import dataclasses
import datetime

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils import timezone

from agreements.models import Agreement, ReportDate
from core.models import OutboxMail
from core.notifications import render_mail
from core.outbox import mails_queue
from initiatives.models import Status, WatchDate

from .models import ReminderRule, SentReminder

Kind = ReminderRule.DateKind


@dataclasses.dataclass(frozen=True)
class Source:
    """Where a kind of date lives: its rows, the path from a row to its case, whether the thing
    is still to do, and the date's field."""

    rows: callable
    case: str
    field: str


SOURCES = {
    Kind.REPORT: Source(
        rows=lambda: ReportDate.objects.filter(
            agreement__initiative__status=Status.ACTIVE, follow_up_report__isnull=True
        ),
        case="agreement__initiative",
        field="due_date",
    ),
    Kind.TERM_END: Source(
        rows=lambda: Agreement.objects.filter(initiative__status=Status.ACTIVE),
        case="initiative",
        field="term_end",
    ),
    Kind.WATCH: Source(
        rows=lambda: WatchDate.objects.filter(done_at__isnull=True).exclude(
            initiative__status__in=[Status.CLOSED, Status.DECLINED, Status.DRAFT]
        ),
        case="initiative",
        field="due_date",
    ),
}

# Who a round goes to, and where the address is read from the case.
RECIPIENTS = {
    "contact": "organisation__contact_email",
    "handlaggare": "handlaggare__email",
    "forvaltning": "forvaltning__contact_email",  # the sakkunnig, and where escalations go
}


def rule_recipients(rule: ReminderRule, round_: int) -> list[str]:
    """The recipient kinds of one round of `rule`."""
    if round_ == rule.escalation_round:
        return ["forvaltning"]
    wanted = [("contact", rule.to_contact), ("handlaggare", rule.to_handlaggare)]
    wanted.append(("forvaltning", rule.to_sakkunnig))
    return [name for name, on in wanted if on]


def rounds(rule: ReminderRule) -> list[int]:
    last = rule.escalation_round if rule.escalate else rule.repeats
    return list(range(last + 1))


def unclaimed(rule: ReminderRule, today: datetime.date) -> QuerySet:
    """The rule's dates with a round due `today` and a recipient of that round not yet reminded.

    Round r is due on the date + offset + r × repeat; a sweep that did not run on that day
    still sends it for IOP_REMINDER_CATCH_UP_DAYS (a rule before the date: from its day on until
    that long after the date), unless the next round has come.
    """
    source = SOURCES[rule.date_kind]
    catch_up = settings.IOP_REMINDER_CATCH_UP_DAYS
    if rule.direction == rule.Direction.BEFORE:
        # From its day until the date itself, and then as long as a missed one is caught up.
        catch_up += rule.days
    whens = []
    for r in reversed(rounds(rule)):
        last = today - datetime.timedelta(days=rule.offset_days + r * (rule.repeat_every_days or 0))
        first = last - datetime.timedelta(days=catch_up)
        whens.append(When(**{f"{source.field}__range": (first, last)}, then=Value(r)))
    case = source.case
    rows = (
        source.rows()
        .filter(**{f"{case}__forvaltning_id": rule.forvaltning_id})
        .annotate(
            r_round=Case(*whens, default=None, output_field=IntegerField()),
            r_due=F(source.field),
            r_case=F(case),
        )
        .filter(r_round__isnull=False)
    )

    def claimed(path: str) -> Exists:
        return Exists(
            SentReminder.objects.filter(
                rule=rule,
                target_id=OuterRef("pk"),
                due_date=OuterRef("r_due"),
                round=OuterRef("r_round"),
                recipient=OuterRef(path),
            )
        )

    annotations, open_by_round = {}, Q(pk__in=[])
    for name, path in RECIPIENTS.items():
        annotations[f"r_{name}_done"] = claimed(f"{case}__{path}")
    for r in rounds(rule):
        open_any = Q(pk__in=[])
        for name in rule_recipients(rule, r):
            open_any |= (
                Q(**{f"{case}__{RECIPIENTS[name]}__isnull": False})
                & ~Q(**{f"{case}__{RECIPIENTS[name]}": ""})
                & Q(**{f"r_{name}_done": False})
            )
        open_by_round |= Q(r_round=r) & open_any
    return (
        rows.annotate(**annotations)
        .filter(open_by_round)
        .select_related(f"{case}__organisation", f"{case}__handlaggare", f"{case}__forvaltning")
        .order_by("r_due", "pk")
    )


@dataclasses.dataclass(frozen=True)
class Due:
    """One reminder to one person."""

    rule: ReminderRule
    row: object
    recipient: str
    today: datetime.date

    @property
    def key(self) -> tuple:
        return (self.rule.pk, self.row.pk, self.row.r_due, self.row.r_round, self.recipient)


def reminders_send_due(*, today: datetime.date | None = None) -> int:
    """Queue each due reminder once; return how many this run claimed."""
    return sum(reminders_send_due_by_rule(today=today).values())


def reminders_send_due_by_rule(*, today: datetime.date | None = None) -> dict[int, int]:
    """Queue each due reminder once; return how many each rule (by pk) claimed in this run.

    Safe to run twice or on two workers at once.
    """
    today = today or timezone.localdate()
    queued: dict[int, int] = {}
    for rule in ReminderRule.objects.filter(active=True).order_by("pk"):
        queued[rule.pk] = 0
        while True:
            with transaction.atomic():
                batch = list(unclaimed(rule, today)[: settings.IOP_REMINDER_BATCH_SIZE])
                if not batch:
                    break
                due = [d for row in batch for d in _open_reminders(rule, row, today)]
                won = _claim(due)
                mails_queue([_mail(reminder) for reminder in due if reminder.key in won])
                queued[rule.pk] += len(won)
    return queued


def _initiative(rule: ReminderRule, row):
    for name in SOURCES[rule.date_kind].case.split("__"):
        row = getattr(row, name)
    return row


def _address(initiative, name: str) -> str:
    if name == "contact":
        return initiative.organisation.contact_email
    if name == "handlaggare":
        return initiative.handlaggare.email if initiative.handlaggare else ""
    return initiative.forvaltning.contact_email


def _open_reminders(rule: ReminderRule, row, today: datetime.date) -> list[Due]:
    initiative = _initiative(rule, row)
    recipients = [
        _address(initiative, name)
        for name in rule_recipients(rule, row.r_round)
        if not getattr(row, f"r_{name}_done")
    ]
    return [
        Due(rule=rule, row=row, recipient=r, today=today) for r in dict.fromkeys(recipients) if r
    ]


def _claim(due: list[Due]) -> set[tuple]:
    """Insert the claims; return the keys of those this run inserted (the others were taken)."""
    if not due:
        return set()
    # The same order in every sweep, so that two sweeps waiting on each other's rows never
    # wait in a circle.
    due = sorted(due, key=lambda d: d.key)
    ops = connection.ops
    now = ops.adapt_datetimefield_value(timezone.now())
    params = []
    for d in due:
        row = d.row
        params += [d.rule.pk, row.r_case, row.pk, ops.adapt_datefield_value(row.r_due)]
        params += [row.r_round, d.recipient, now]
    table = ops.quote_name(SentReminder._meta.db_table)
    values = ", ".join(["(%s, %s, %s, %s, %s, %s, %s)"] * len(due))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} "  # noqa: S608
            "(rule_id, initiative_id, target_id, due_date, round, recipient, sent_at) "
            f"VALUES {values} ON CONFLICT DO NOTHING "
            "RETURNING rule_id, target_id, due_date, round, recipient",
            params,
        )
        rows = cursor.fetchall()
    return {(ru, t, _as_date(d), ro, r) for ru, t, d, ro, r in rows}


def _as_date(value) -> datetime.date:
    # PostgreSQL hands back a date, SQLite (make run) its ISO text.
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


def _link(rule: ReminderRule, row, initiative, recipient: str) -> str:
    """The page where the thing is done: the report form for the organisation, else the case."""
    base = settings.IOP_PORTAL_URL.rstrip("/")
    if recipient == initiative.organisation.contact_email and rule.to_contact:
        if rule.date_kind == Kind.REPORT:
            return base + reverse("term:report", args=[initiative.pk, row.pk])
        return base + reverse("initiatives:detail", args=[initiative.pk])
    return base + reverse("admin:initiatives_initiative_change", args=[initiative.pk])


def _mail(reminder: Due) -> OutboxMail:
    rule, row = reminder.rule, reminder.row
    initiative = _initiative(rule, row)
    overdue = row.r_due < reminder.today or rule.direction == rule.Direction.AFTER
    template = f"reminder_{rule.date_kind}"
    subject, body = render_mail(
        template,
        {
            "diarienummer": initiative.diarienummer,
            "title": initiative.title,
            "organisation": initiative.organisation.name,
            "due_date": row.r_due,
            "description": getattr(row, "description", "") or getattr(row, "what", ""),
            "handlaggare": initiative.handlaggare,
            "forvaltning": initiative.forvaltning.name,
            "overdue": overdue,
            "escalation": row.r_round == rule.escalation_round,
            "url": _link(rule, row, initiative, reminder.recipient),
        },
    )
    return OutboxMail(
        template=template, subject=subject, body=body, recipients=[reminder.recipient]
    )
