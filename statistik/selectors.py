"""The statistics as tables, each figure an aggregate in the database, scoped to the user.

Each table is what the page shows (with its chart) and what the CSV holds, in the same order,
so that the two cannot disagree.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.models import Contribution, Party, ReportDate
from initiatives.models import Status

from . import permissions
from .durations import stage_times

# The cases whose agreements the nämnd has approved: their contributions are agreed.
AGREED = (Status.SIGNING, Status.ACTIVE, Status.CLOSED, Status.TERMINATED)
REPORTING = (Status.ACTIVE, Status.CLOSED, Status.TERMINATED)
_ENDED = (Status.DRAFT, Status.CLOSED, Status.DECLINED, Status.TERMINATED)


@dataclass
class Table:
    """A titled table: the first column names the row, the others hold figures.

    `chart` is the index of the column drawn as bars (None: the table has no chart).
    """

    key: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    chart: int | None = None
    note: str = ""


def _forvaltning(name) -> str:
    return name or str(_("Ingen förvaltning"))


def cases_by_status(*, user) -> Table:
    counts = dict(
        permissions.cases_counted(user)
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return Table(
        key="status",
        title=_("Ärenden per status"),
        columns=[_("Status"), _("Ärenden")],
        rows=[[s.label, counts.get(s.value, 0)] for s in Status if s != Status.DRAFT],
        chart=1,
    )


def cases_by_forvaltning(*, user) -> Table:
    rows = (
        permissions.cases_counted(user)
        .order_by("forvaltning__name")
        .values("forvaltning__name")
        .annotate(
            cases=Count("pk"),
            open=Count("pk", filter=Q(status__in=[s for s in Status if s not in _ENDED])),
            active=Count("pk", filter=Q(status=Status.ACTIVE)),
        )
    )
    return Table(
        key="forvaltning",
        title=_("Ärenden och pågående partnerskap per förvaltning"),
        columns=[_("Förvaltning"), _("Ärenden"), _("Öppna ärenden"), _("Pågående partnerskap")],
        rows=[
            [_forvaltning(r["forvaltning__name"]), r["cases"], r["open"], r["active"]] for r in rows
        ],
        chart=1,
    )


def cases_by_year(*, user) -> Table:
    rows = (
        permissions.cases_counted(user)
        .annotate(year=ExtractYear("submitted_at"))
        .order_by("year")
        .values("year")
        .annotate(
            cases=Count("pk"),
            partnerships=Count("pk", filter=Q(status__in=AGREED)),
            declined=Count("pk", filter=Q(status=Status.DECLINED)),
        )
    )
    return Table(
        key="ar",
        title=_("Inkomna ärenden per år"),
        columns=[
            _("År"),
            _("Inkomna ärenden"),
            _("Varav godkända partnerskap"),
            _("Varav avslutade utan partnerskap"),
        ],
        rows=[[r["year"], r["cases"], r["partnerships"], r["declined"]] for r in rows],
        chart=1,
    )


def time_in_stages(*, user) -> Table:
    return Table(
        key="steg",
        title=_("Tid i varje steg (dagar)"),
        columns=[_("Steg"), _("Avslutade steg"), _("Median (dagar)"), _("Längst (dagar)")],
        rows=[[t.stage, t.stays, t.median_days, t.longest_days] for t in stage_times(user=user)],
        chart=2,
        note=_(
            "Räknat från statusändringarna: från att ärendet kom till steget tills det lämnade "
            "det. Steg som ärendet fortfarande är i räknas inte."
        ),
    )


def _contributions(user):
    return Contribution.objects.filter(
        permissions.rows_counted(user, "agreement__initiative"),
        agreement__initiative__status__in=AGREED,
    ).order_by()


def _party(value) -> str:
    return str(Party(value).label)


def contributions_by_year(*, user) -> Table:
    rows = (
        _contributions(user)
        .values("year", "party")
        .annotate(
            money=Sum("amount_sek"),
            in_kind=Sum("in_kind_value_sek"),
            total=Sum(F("amount_sek") + F("in_kind_value_sek")),
        )
        .order_by("year", "party")
    )
    return Table(
        key="insatser",
        title=_("Insatser per år och part (kr)"),
        columns=[
            _("År och part"),
            _("Pengar (kr)"),
            _("Värderade andra resurser (kr)"),
            _("Totalt (kr)"),
        ],
        rows=[
            [f"{r['year']} {_party(r['party'])}", r["money"], r["in_kind"], r["total"]]
            for r in rows
        ],
        chart=3,
        note=_("Insatser i avtal som nämnden har godkänt."),
    )


def contributions_by_forvaltning(*, user) -> Table:
    rows = (
        _contributions(user)
        .values("agreement__initiative__forvaltning__name", "year", "party")
        .annotate(money=Sum("amount_sek"), in_kind=Sum("in_kind_value_sek"))
        .order_by("agreement__initiative__forvaltning__name", "year", "party")
    )
    return Table(
        key="insatser_forvaltning",
        title=_("Insatser per förvaltning, år och part (kr)"),
        columns=[
            _("Förvaltning"),
            _("År"),
            _("Part"),
            _("Pengar (kr)"),
            _("Värderade andra resurser (kr)"),
        ],
        rows=[
            [
                _forvaltning(r["agreement__initiative__forvaltning__name"]),
                str(r["year"]),
                _party(r["party"]),
                r["money"],
                r["in_kind"],
            ]
            for r in rows
        ],
    )


def report_figures(today: datetime.date) -> list[tuple[str, str, Q]]:
    """The states of a report date counted, as (key, heading, condition).

    Report review (accepting or returning a report) adds its states here, one line each, such
    as ("returned", _("Återsända för komplettering"), Q(...)): the tables and the CSV follow.
    """
    missing = Q(follow_up_report__isnull=True, agreement__initiative__status=Status.ACTIVE)
    return [
        ("due", _("Ska lämnas"), missing & Q(due_date__gte=today)),
        ("overdue", _("Försenade"), missing & Q(due_date__lt=today)),
        ("received", _("Inkomna"), Q(follow_up_report__isnull=False)),
    ]


def _report_dates(user):
    return ReportDate.objects.filter(
        permissions.rows_counted(user, "agreement__initiative"),
        agreement__initiative__status__in=REPORTING,
    ).order_by()


def reports(*, user, today: datetime.date) -> Table:
    figures = report_figures(today)
    totals = _report_dates(user).aggregate(
        **{key: Count("pk", filter=condition) for key, _label, condition in figures}
    )
    return Table(
        key="rapporter",
        title=_("Uppföljningsrapporter"),
        columns=[_("Rapporter"), _("Antal")],
        rows=[[label, totals[key]] for key, label, _c in figures],
        chart=1,
        note=_("Rapportdatum i pågående partnerskap; inkomna även från avslutade."),
    )


def reports_by_forvaltning(*, user, today: datetime.date) -> Table:
    figures = report_figures(today)
    rows = (
        _report_dates(user)
        .values("agreement__initiative__forvaltning__name")
        .annotate(**{key: Count("pk", filter=condition) for key, _label, condition in figures})
        .order_by("agreement__initiative__forvaltning__name")
    )
    return Table(
        key="rapporter_forvaltning",
        title=_("Uppföljningsrapporter per förvaltning"),
        columns=[_("Förvaltning"), *(label for _k, label, _c in figures)],
        rows=[
            [_forvaltning(r["agreement__initiative__forvaltning__name"])]
            + [r[key] for key, _l, _c in figures]
            for r in rows
        ],
    )


def statistics_tables(*, user, today: datetime.date | None = None) -> list[Table]:
    """Every table of the statistics page and CSV, in their order."""
    today = today or timezone.localdate()
    return [
        cases_by_status(user=user),
        cases_by_forvaltning(user=user),
        cases_by_year(user=user),
        time_in_stages(user=user),
        contributions_by_year(user=user),
        contributions_by_forvaltning(user=user),
        reports(user=user, today=today),
        reports_by_forvaltning(user=user, today=today),
    ]
