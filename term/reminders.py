"""The reminder sweep: find the due (rule, date, recipient) not yet claimed, claim and queue them.

Each rule names a kind of date (a report date, the term's end) and yields the rows due on a
day, annotated with the agreement (`r_agreement`) and the date (`r_due`). The sweep asks the
database, per rule, for one batch of rows with a recipient not yet reminded (one query, the
claims checked with NOT EXISTS), then in one transaction inserts the claims (SentReminder, with
ON CONFLICT DO NOTHING RETURNING, so a second sweep running at the same time gets nothing for
rows the first one claimed) and the outbox rows of the claims it won. A crash before the commit
leaves neither; after it, both, and the outbox sends the mail. A run with nothing new costs one
query per rule.
"""

import dataclasses
import datetime
from collections.abc import Callable

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_noop

from agreements.models import Agreement, ReportDate
from core.models import OutboxMail
from core.notifications import record_text, render_mail
from core.outbox import mails_queue
from initiatives.models import Status

from .models import SentReminder


@dataclasses.dataclass(frozen=True)
class Rule:
    """A kind of reminder: which rows are due on a day, and what the mail says about one."""

    kind: str
    due_rows: Callable[[datetime.date], QuerySet]
    initiative: str  # the path from a row to its case
    describe: Callable[[object], str]


def _report_dates(today: datetime.date) -> QuerySet:
    until = today + datetime.timedelta(days=settings.IOP_REMINDER_DAYS_BEFORE_REPORT)
    # A date that passed without its reminder (the sweep did not run) is still reminded for a
    # while, unless the report is in.
    since = today - datetime.timedelta(days=settings.IOP_REMINDER_CATCH_UP_DAYS)
    return ReportDate.objects.filter(
        Q(due_date__gte=today, due_date__lte=until)
        | Q(due_date__lt=today, due_date__gte=since, follow_up_report__isnull=True),
        agreement__initiative__status=Status.ACTIVE,
    ).annotate(r_agreement=F("agreement_id"), r_due=F("due_date"))


def _term_ends(today: datetime.date) -> QuerySet:
    until = today + datetime.timedelta(days=settings.IOP_REMINDER_DAYS_BEFORE_TERM_END)
    return Agreement.objects.filter(
        initiative__status=Status.ACTIVE, term_end__gte=today, term_end__lte=until
    ).annotate(r_agreement=F("pk"), r_due=F("term_end"))


RULES = (
    Rule(
        kind=SentReminder.Kind.REPORT,
        due_rows=_report_dates,
        initiative="agreement__initiative",
        describe=lambda row: row.description,
    ),
    Rule(
        kind=SentReminder.Kind.TERM_END,
        due_rows=_term_ends,
        initiative="initiative",
        describe=lambda row: record_text(gettext_noop("Avtalstiden löper ut")),
    ),
)


@dataclasses.dataclass(frozen=True)
class Due:
    """One reminder to one person."""

    kind: str
    agreement_id: int
    due_date: datetime.date
    recipient: str
    row: object

    @property
    def key(self) -> tuple:
        return (self.agreement_id, self.kind, self.due_date, self.recipient)


def reminders_send_due(*, today: datetime.date | None = None) -> int:
    """Queue each due reminder once, to the organisation's contact and the handläggare.

    Return how many this run claimed; safe to run twice or on two workers at once.
    """
    today = today or timezone.localdate()
    queued = 0
    for rule in RULES:
        while True:
            with transaction.atomic():
                batch = list(unclaimed(rule, today)[: settings.IOP_REMINDER_BATCH_SIZE])
                if not batch:
                    break
                due = [reminder for row in batch for reminder in _open_reminders(rule, row)]
                won = _claim(due)
                mails_queue([_mail(reminder) for reminder in due if reminder.key in won])
                queued += len(won)
    return queued


def unclaimed(rule: Rule, today: datetime.date) -> QuerySet:
    """The rule's rows due `today` with at least one recipient not yet reminded."""
    case = rule.initiative
    contact, handlaggare = f"{case}__organisation__contact_email", f"{case}__handlaggare__email"

    def claimed(recipient: str) -> Exists:
        return Exists(
            SentReminder.objects.filter(
                agreement_id=OuterRef("r_agreement"),
                kind=rule.kind,
                due_date=OuterRef("r_due"),
                recipient=OuterRef(recipient),
            )
        )

    open_contact = ~Q(**{contact: ""}) & Q(r_contact_done=False)
    open_handlaggare = (
        Q(**{f"{case}__handlaggare__isnull": False})
        & ~Q(**{handlaggare: ""})
        & Q(r_handlaggare_done=False)
    )
    return (
        rule.due_rows(today)
        .annotate(r_contact_done=claimed(contact), r_handlaggare_done=claimed(handlaggare))
        .filter(open_contact | open_handlaggare)
        .select_related(f"{case}__organisation", f"{case}__handlaggare", f"{case}__forvaltning")
        .order_by("r_due", "pk")
    )


def _initiative(rule: Rule, row):
    for name in rule.initiative.split("__"):
        row = getattr(row, name)
    return row


def _open_reminders(rule: Rule, row) -> list[Due]:
    initiative = _initiative(rule, row)
    recipients = []
    if initiative.organisation.contact_email and not row.r_contact_done:
        recipients.append(initiative.organisation.contact_email)
    handlaggare = initiative.handlaggare
    if handlaggare and handlaggare.email and not row.r_handlaggare_done:
        recipients.append(handlaggare.email)
    return [
        Due(kind=rule.kind, agreement_id=row.r_agreement, due_date=row.r_due, recipient=r, row=row)
        for r in dict.fromkeys(recipients)
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
        params += [d.agreement_id, d.kind, ops.adapt_datefield_value(d.due_date), d.recipient, now]
    table = connection.ops.quote_name(SentReminder._meta.db_table)
    values = ", ".join(["(%s, %s, %s, %s, %s)"] * len(due))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (agreement_id, kind, due_date, recipient, sent_at) "  # noqa: S608
            f"VALUES {values} ON CONFLICT DO NOTHING "
            "RETURNING agreement_id, kind, due_date, recipient",
            params,
        )
        rows = cursor.fetchall()
    return {(a, k, _as_date(d), r) for a, k, d, r in rows}


def _as_date(value) -> datetime.date:
    # PostgreSQL hands back a date, SQLite (make run) its ISO text.
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


def _mail(reminder: Due) -> OutboxMail:
    rule = next(r for r in RULES if r.kind == reminder.kind)
    initiative = _initiative(rule, reminder.row)
    template = f"reminder_{reminder.kind}"
    subject, body = render_mail(
        template,
        {
            "diarienummer": initiative.diarienummer,
            "title": initiative.title,
            "organisation": initiative.organisation.name,
            "due_date": reminder.due_date,
            "description": rule.describe(reminder.row),
            "handlaggare": initiative.handlaggare,
            "forvaltning": initiative.forvaltning.name,
        },
    )
    return OutboxMail(
        template=template, subject=subject, body=body, recipients=[reminder.recipient]
    )
