"""Reads of the reminders: a handläggare's dates (for the digest and the calendar feed)."""

import dataclasses
import datetime

from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, ReportDate
from initiatives.models import Status, WatchDate


@dataclasses.dataclass(frozen=True)
class DateRow:
    """One date of one of the user's cases."""

    uid: str
    date: datetime.date
    kind: str
    what: str
    initiative: object
    overdue: bool


def handlaggare_dates(*, user, since: datetime.date, until: datetime.date, today: datetime.date):
    """The open dates of the cases `user` handles between `since` and `until`, by date: report
    dates without a report, ends of term, watch dates not done (overdue if before `today`).
    Three queries."""
    related = ("organisation", "forvaltning")
    reports = ReportDate.objects.filter(
        agreement__initiative__handlaggare=user,
        agreement__initiative__status=Status.ACTIVE,
        follow_up_report__isnull=True,
        due_date__range=(since, until),
    ).select_related(*(f"agreement__initiative__{r}" for r in related))
    ends = Agreement.objects.filter(
        initiative__handlaggare=user,
        initiative__status=Status.ACTIVE,
        term_end__range=(since, until),
    ).select_related(*(f"initiative__{r}" for r in related))
    watches = (
        WatchDate.objects.filter(
            initiative__handlaggare=user, done_at__isnull=True, due_date__range=(since, until)
        )
        .exclude(initiative__status__in=[Status.CLOSED, Status.DECLINED])
        .select_related(*(f"initiative__{r}" for r in related))
    )
    rows = [
        DateRow(
            f"report-{r.pk}",
            r.due_date,
            _("Rapportdatum"),
            r.description,
            r.agreement.initiative,
            r.due_date < today,
        )
        for r in reports
    ]
    rows += [
        DateRow(
            f"term-end-{a.pk}",
            a.term_end,
            _("Avtalstidens slut"),
            _("Partnerskapet ska utvärderas"),
            a.initiative,
            False,
        )
        for a in ends
    ]
    rows += [
        DateRow(
            f"watch-{w.pk}", w.due_date, _("Bevakning"), w.what, w.initiative, w.due_date < today
        )
        for w in watches
    ]
    return sorted(rows, key=lambda r: (r.date, r.uid))
