"""Reads of the report review: a report date's status, a report's versions and its flags."""

import datetime
from dataclasses import dataclass

from django.db import models
from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements.models import Contribution, Party, ReportDate

from .models import FollowUpReport, FollowUpReportReview, FollowUpReportVersion


class ReportStatus(models.TextChoices):
    """Where a report date stands; `overdue` is a date past with no report sent in."""

    DUE = "due", gettext_lazy("ska lämnas")
    OVERDUE = "overdue", gettext_lazy("försenad")
    RECEIVED = "received", gettext_lazy("inkommen")
    RETURNED = "returned", gettext_lazy("återsänd för komplettering")
    ACCEPTED = "accepted", gettext_lazy("godkänd")


def has_report() -> Exists:
    """A report date's condition: a report is sent in for it.

    Negated, "no report yet": NOT EXISTS, which the planner estimates well, where the reverse
    one-to-one's IS NULL after a join made it guess a handful of rows (there were 24 000 at
    100 000 cases) and sort them all instead of reading the dates in order; the start page
    waited 180 ms for its list.
    """
    return Exists(FollowUpReport.objects.filter(report_date=OuterRef("pk")))


def with_review_state(report_dates: QuerySet) -> QuerySet:
    """Annotate report dates with `has_report` and `review_decision`, the decision on the
    report's latest version (None while that version waits for review)."""
    latest = FollowUpReportVersion.objects.filter(report__report_date=OuterRef("pk")).order_by(
        "-number"
    )
    return report_dates.annotate(
        has_report=has_report(),
        review_decision=Subquery(latest.values("review__decision")[:1]),
    )


def status_of(report_date: ReportDate, *, today: datetime.date | None = None) -> ReportStatus:
    """The status of a report date annotated by with_review_state."""
    today = today or timezone.localdate()
    if not report_date.has_report:
        return ReportStatus.OVERDUE if report_date.due_date < today else ReportStatus.DUE
    decision = report_date.review_decision
    if decision == FollowUpReportReview.Decision.ACCEPTED:
        return ReportStatus.ACCEPTED
    if decision == FollowUpReportReview.Decision.RETURNED:
        return ReportStatus.RETURNED
    return ReportStatus.RECEIVED


def report_date_status(
    report_date: ReportDate, *, today: datetime.date | None = None
) -> ReportStatus:
    """The status of one report date (two queries at most; lists use with_review_state)."""
    annotated = with_review_state(ReportDate.objects.filter(pk=report_date.pk)).get()
    return status_of(annotated, today=today)


def overdue_report_dates(*, today: datetime.date | None = None) -> QuerySet:
    """Report dates past their date with no report sent in."""
    today = today or timezone.localdate()
    return ReportDate.objects.filter(~has_report(), due_date__lt=today)


@dataclass
class ReportView:
    """A report as its pages show it: every version with its review, the latest, the flags."""

    report: FollowUpReport
    versions: list[FollowUpReportVersion]
    status: ReportStatus
    flags: list[str]

    @property
    def latest(self) -> FollowUpReportVersion:
        return self.versions[-1]

    @property
    def returned_with(self) -> str:
        review = getattr(self.latest, "review", None)
        return review.request_text if review else ""


def report_view(*, report: FollowUpReport) -> ReportView:
    """The report with its versions, goal answers, reviews and flags; a fixed number of queries."""
    versions = list(
        FollowUpReportVersion.objects.filter(report=report)
        .select_related("review__reviewed_by", "submitted_by")
        .prefetch_related("goal_answers__goal")
        .order_by("number")
    )
    agreement = report.report_date.agreement
    contributions = list(
        Contribution.objects.filter(agreement=agreement, party=Party.MUNICIPALITY).order_by(
            "year", "pk"
        )
    )
    latest = versions[-1]
    review = getattr(latest, "review", None)
    if review is None:
        status = ReportStatus.RECEIVED
    elif review.decision == FollowUpReportReview.Decision.ACCEPTED:
        status = ReportStatus.ACCEPTED
    else:
        status = ReportStatus.RETURNED
    for version in versions:
        version.money_lines = [(c, version.money_used.get(str(c.pk))) for c in contributions]
    return ReportView(
        report=report,
        versions=versions,
        status=status,
        flags=report_flags(agreement=agreement, contributions=contributions, version=latest),
    )


def _kronor(value: int) -> str:
    return f"{value:,}".replace(",", "\u00a0")


def report_flags(*, agreement, contributions: list[Contribution], version) -> list[str]:
    """What both parties should look at: money used beyond a contribution, or reported for a
    year outside the term (possible after the term was changed)."""
    flags = []
    years = range(agreement.term_start.year, agreement.term_end.year + 1)
    for c in contributions:
        used = version.money_used.get(str(c.pk))
        if used is None:
            continue
        if used > c.amount_sek:
            flags.append(
                _(
                    "Använt belopp för %(year)s (%(used)s kr) är mer än kommunens bidrag "
                    "enligt avtalet (%(amount)s kr)."
                )
                % {"year": c.year, "used": _kronor(used), "amount": _kronor(c.amount_sek)}
            )
        if used and c.year not in years:
            flags.append(
                _("Medel redovisas för %(year)s, som ligger utanför avtalstiden %(start)s–%(end)s.")
                % {"year": c.year, "start": agreement.term_start, "end": agreement.term_end}
            )
    return flags
