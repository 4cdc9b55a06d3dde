"""The worker's reminder sweep at 100 000 agreements with 1 000 reminders due, and its next run.

The agreements are copies of one active case made with a few INSERT … SELECT statements over
generate_series (the ORM would take minutes). Every report date, term end and bevakning already
in the database (other benches' cases) is moved out of the reminder window first, so exactly
DUE_AGREEMENTS agreements have a report date due, each to two people (the organisation's contact
and the handläggare): 1 000 reminders. The sweep is reminders.services.reminders_send_due, the code
the worker's task runs, called in this process so its queries can be counted; each repeat
starts from no claims and no reminder mails. Its baseline is the statements it sent, captured
once and replayed as plain SQL on the cursor, each batch in its own transaction as the sweep
does (so the difference is the ORM, the mail rendering and the Python between the statements).
The second run, which finds everything claimed, is timed the same way beside its statements.
"""

import datetime
import os
import time

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.common import report
from bench.generate_cases import generate_cases

AGREEMENTS = int(os.environ.get("BENCH_AGREEMENTS", 100_000))
DUE_AGREEMENTS = 500  # × 2 recipients = 1 000 reminders
REPEAT = int(os.environ.get("BENCH_SWEEP_REPEAT", 5))


def _columns(model, **override):
    """The model's columns but its id, as (names, SELECT expressions over the row `src`)."""
    names, exprs = [], []
    for field in model._meta.concrete_fields:
        if field.column == "id":
            continue
        names.append(field.column)
        exprs.append(override.get(field.column, f"src.{field.column}"))
    return ", ".join(names), ", ".join(exprs)


def _build(today: datetime.date) -> int:
    """Make agreements up to AGREEMENTS, DUE_AGREEMENTS of them with a report date due."""
    from agreements.models import Agreement
    from initiatives.models import Initiative, Status

    made = generate_cases(40)
    case = (
        Initiative.objects.filter(
            status=Status.ACTIVE,
            handlaggare__isnull=False,
            forvaltning__in=made["forvaltningar"],
            agreement__isnull=False,
        )
        .select_related("agreement")
        .first()
    )
    far = today + datetime.timedelta(days=400)
    with transaction.atomic(), connection.cursor() as cursor:
        # Nothing else is due: what other benches made is moved out of every window.
        cursor.execute("UPDATE agreements_reportdate SET due_date = due_date + 3650")
        # The generated cases' open bevakningar too (the watch-date rule reminds on their day).
        cursor.execute("UPDATE initiatives_watchdate SET due_date = due_date + 3650")
        cursor.execute("UPDATE agreements_agreement SET term_end = GREATEST(term_end, %s)", [far])
        cursor.execute("SELECT COUNT(*) FROM agreements_agreement")
        missing = max(0, AGREEMENTS - cursor.fetchone()[0])
        names, exprs = _columns(Initiative, diarienummer="'SWEEP-' || g")
        cursor.execute(
            f"INSERT INTO initiatives_initiative ({names}) "  # noqa: S608
            f"SELECT {exprs} FROM initiatives_initiative src, generate_series(1, %s) g "
            "WHERE src.id = %s",
            [missing, case.pk],
        )
        names, exprs = _columns(Agreement, initiative_id="c.id", term_end="%s")
        cursor.execute(
            f"INSERT INTO agreements_agreement ({names}) "  # noqa: S608
            f"SELECT {exprs} FROM agreements_agreement src, initiatives_initiative c "
            "WHERE src.id = %s AND c.forvaltning_id = %s AND c.diarienummer LIKE 'SWEEP-%%'",
            [far, case.agreement.pk, case.forvaltning_id],
        )
        # Two report dates for each new agreement, both after the window; then the first
        # date of DUE_AGREEMENTS of the copies is moved to a week from today.
        cursor.execute(
            "INSERT INTO agreements_reportdate (agreement_id, due_date, description) "
            "SELECT a.id, %s + k, 'Delrapport ' || k FROM agreements_agreement a, "
            "generate_series(1, 2) k WHERE NOT EXISTS "
            "(SELECT 1 FROM agreements_reportdate r WHERE r.agreement_id = a.id)",
            [far],
        )
        cursor.execute(
            "UPDATE agreements_reportdate SET due_date = %s WHERE id IN ("
            " SELECT MIN(r.id) FROM agreements_reportdate r"
            " JOIN agreements_agreement a ON a.id = r.agreement_id"
            " JOIN initiatives_initiative c ON c.id = a.initiative_id"
            " WHERE c.diarienummer LIKE 'SWEEP-%%'"
            " GROUP BY r.agreement_id ORDER BY r.agreement_id DESC LIMIT %s)",
            [today + datetime.timedelta(days=7), DUE_AGREEMENTS],
        )
        cursor.execute("SELECT COUNT(*) FROM agreements_agreement")
        total = cursor.fetchone()[0]
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return total


def _reset() -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        from reminders.models import SentReminder

        cursor.execute(f"DELETE FROM {SentReminder._meta.db_table}")
        cursor.execute("DELETE FROM core_outboxmail WHERE template LIKE 'reminder%%'")


def _captured(run) -> tuple[object, list[str]]:
    """Run `run()` once; return its result and the statements it sent."""
    connection.queries_log.clear()  # a full log (its length is bounded) would capture nothing
    with CaptureQueriesContext(connection) as captured:
        result = run()
    return result, [q["sql"] for q in captured.captured_queries]


def _replay(statements: list[str]) -> None:
    """The statements as plain SQL, BEGIN and COMMIT included: each batch in its own
    transaction, as the sweep commits them."""
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def _queries(statements: list[str]) -> int:
    """How many of the statements are queries (BEGIN and COMMIT are not)."""
    return sum(1 for sql in statements if sql not in {"BEGIN", "COMMIT"})


def main() -> None:
    from reminders import services as reminder_services

    today = timezone.localdate()
    start = time.perf_counter()
    total = _build(today)
    print(
        f"   {total} agreements, {DUE_AGREEMENTS} with a report date due, built in "
        f"{time.perf_counter() - start:.1f} s"
    )

    def sweep():
        return reminder_services.reminders_send_due(today=today)

    _reset()
    queued, first_sql = _captured(sweep)
    again, second_sql = _captured(sweep)
    assert queued == 2 * DUE_AGREEMENTS and again == 0, (queued, again)

    first, first_plain, second, second_plain = [], [], [], []
    for _ in range(REPEAT):
        for run, into in (
            (sweep, first),
            (lambda: _replay(first_sql), first_plain),
        ):
            _reset()
            t = time.perf_counter()
            run()
            into.append(time.perf_counter() - t)
        for run, into in (
            (sweep, second),
            (lambda: _replay(second_sql), second_plain),
        ):
            t = time.perf_counter()
            run()
            into.append(time.perf_counter() - t)
    report(
        f"sweep, {queued} reminders due ({_queries(first_sql)} queries)",
        first,
        label="sweep",
        baseline_name="plain SQL: the same statements",
        baseline_times=first_plain,
    )
    report(
        f"sweep again, {again} due ({_queries(second_sql)} queries)",
        second,
        label="sweep",
        baseline_name="plain SQL: the same statements",
        baseline_times=second_plain,
    )
