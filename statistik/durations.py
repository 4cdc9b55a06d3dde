"""How long cases stay in each stage, from the StatusChange rows, computed in the database.

A stay in a stage runs from the change that entered it to the change that left it: LAG() over
each case's changes, in order, gives the time the stage was entered. A case's first stage after
the draft (Inkommen) may have no change entering it (a case registered by staff): its stay then
starts at the case's arrival. The draft is the organisation's own time and is not counted;
a stage the case is still in is not a finished stay and is not counted either.
"""

import statistics
from dataclasses import dataclass

from django.db import connection
from django.db.models import F, Window
from django.db.models.functions import Lag

from initiatives.models import Status, StatusChange

from . import permissions

SECONDS_PER_DAY = 86400
# The stages a case leaves again (a closed or declined case stays where it is).
STAGES = [
    status
    for status in Status
    if status not in (Status.DRAFT, Status.CLOSED, Status.DECLINED, Status.TERMINATED)
]


@dataclass(frozen=True)
class StageTime:
    stage: str
    stays: int
    median_days: float | None
    longest_days: float | None


def _legs_sql(user) -> tuple[str, tuple]:
    """The SQL of one row per finished stay: stage, entered_at, left_at, submitted."""
    legs = (
        StatusChange.objects.filter(permissions.rows_counted(user, "initiative"))
        .exclude(initiative__status=Status.DRAFT)
        .annotate(
            stage=F("from_status"),
            left_at=F("changed_at"),
            submitted=F("initiative__submitted_at"),
            entered_at=Window(
                Lag("changed_at"),
                partition_by=[F("initiative_id")],
                order_by=[F("changed_at").asc(), F("id").asc()],
            ),
        )
        .values("stage", "left_at", "submitted", "entered_at")
        .order_by()
    )
    return legs.query.sql_with_params()


def _seconds_sql() -> str:
    """The stay's length in seconds, in the database's own date arithmetic."""
    start = "COALESCE(legs.entered_at, legs.submitted)"
    if connection.vendor == "postgresql":
        return f"EXTRACT(EPOCH FROM (legs.left_at - {start}))"
    return f"(julianday(legs.left_at) - julianday({start})) * {SECONDS_PER_DAY}"


def stage_times(*, user) -> list[StageTime]:
    """Per stage: the number of finished stays, the median and the longest, in days."""
    legs, params = _legs_sql(user)
    seconds = _seconds_sql()
    stays = (
        f"SELECT legs.stage AS stage, {seconds} AS seconds FROM ({legs}) legs "  # noqa: S608
        "WHERE legs.stage <> %s"
    )
    params = (*params, Status.DRAFT.value)
    postgres = connection.vendor == "postgresql"
    # PostgreSQL has the median as an ordered-set aggregate; SQLite (make run) has none, so
    # there the stays' lengths are read and their median taken in Python.
    median = "percentile_cont(0.5) WITHIN GROUP (ORDER BY stays.seconds)" if postgres else "NULL"
    sql = (
        f"SELECT stays.stage, COUNT(*), {median}, MAX(stays.seconds) "  # noqa: S608
        f"FROM ({stays}) stays GROUP BY stays.stage"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = {stage: (count, med, longest) for stage, count, med, longest in cursor.fetchall()}
        if not postgres and found:
            cursor.execute(f"SELECT stays.stage, stays.seconds FROM ({stays}) stays", params)  # noqa: S608
            lengths: dict[str, list[float]] = {}
            for stage, value in cursor.fetchall():
                lengths.setdefault(stage, []).append(value)
            found = {
                stage: (count, statistics.median(lengths[stage]), longest)
                for stage, (count, _m, longest) in found.items()
            }
    times = []
    for status in STAGES:
        count, med, longest = found.get(status.value, (0, None, None))
        times.append(
            StageTime(
                stage=status.label, stays=count, median_days=_days(med), longest_days=_days(longest)
            )
        )
    return times


def _days(seconds) -> float | None:
    return None if seconds is None else round(float(seconds) / SECONDS_PER_DAY, 1)
