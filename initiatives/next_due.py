"""The case's next date (Initiative.next_due): what it is made of, and the services that keep it.

The queue sorts and filters on the stored column; every service that changes one of its inputs
(a bevakning, a status) refreshes it, and a nightly task refreshes the cases whose date passed,
since a report date counts only until its day.
"""

import datetime

from django.db import transaction
from django.db.models import DateField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Least, NullIf
from django.utils import timezone

from . import extensions
from .models import Initiative, WatchDate

# Stands in for "no date" inside LEAST, which on some databases (SQLite) is NULL if any part is.
_NO_DATE = datetime.date(9999, 12, 31)


def next_due_expression(today: datetime.date):
    """The earliest open date of the case row: a bevakning not yet done, or a later stage's."""
    watch = Subquery(
        WatchDate.objects.filter(initiative=OuterRef("pk"), done_at__isnull=True)
        .order_by("due_date")
        .values("due_date")[:1]
    )
    dates = [watch, *(d for source in extensions.next_due_sources for d in source(today))]
    parts = [Coalesce(d, Value(_NO_DATE), output_field=DateField()) for d in dates]
    earliest = Least(*parts, output_field=DateField()) if len(parts) > 1 else parts[0]
    return NullIf(earliest, Value(_NO_DATE))


# No transaction of its own: one read and at most one UPDATE, inside the caller's transaction.
def initiative_next_due_refresh(
    *, initiative: Initiative, today: datetime.date | None = None
) -> datetime.date | None:
    """Store the case's next date as of `today` (and on `initiative`); return it.

    One read when the date is unchanged, and a write only when it moved.
    """
    today = today or timezone.localdate()
    stored, value = (
        Initiative.objects.filter(pk=initiative.pk)
        .annotate(new_next_due=next_due_expression(today))
        .values_list("next_due", "new_next_due")
        .get()
    )
    if value != stored:
        Initiative.objects.filter(pk=initiative.pk).update(next_due=value)
    initiative.next_due = value
    return value


@transaction.atomic
def initiatives_next_due_refresh(
    *, initiatives: QuerySet[Initiative] | None = None, today: datetime.date | None = None
) -> int:
    """Store the next date of many cases (all, unless `initiatives` is given) in one statement."""
    today = today or timezone.localdate()
    cases = Initiative.objects.all() if initiatives is None else initiatives
    return cases.update(next_due=next_due_expression(today))


def initiatives_next_due_passed_refresh(*, today: datetime.date | None = None) -> int:
    """Refresh the cases whose stored date lies before `today`: only theirs can have moved.

    A report date counts from today on; once it passes, the case's next date is its next one.
    Dates not passed stay the earliest, and overdue bevakningar and ends of term stay what they
    are, so the nightly run touches the overdue cases and none else.
    """
    today = today or timezone.localdate()
    return initiatives_next_due_refresh(
        initiatives=Initiative.objects.filter(next_due__lt=today), today=today
    )
