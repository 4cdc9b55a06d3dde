"""Reads of the term: a case's report dates, the lines a report accounts for, a report."""

from agreements.models import Contribution, Party, ReportDate
from initiatives.models import Initiative

from .models import FollowUpReport


def report_dates(*, initiative: Initiative) -> list[ReportDate]:
    return list(
        ReportDate.objects.filter(agreement__initiative=initiative)
        .select_related("follow_up_report")
        .order_by("due_date")
    )


def municipality_contributions(*, report_date: ReportDate) -> list[Contribution]:
    return list(
        Contribution.objects.filter(
            agreement_id=report_date.agreement_id, party=Party.MUNICIPALITY
        ).order_by("year")
    )


def follow_up_report(*, pk) -> FollowUpReport:
    return (
        FollowUpReport.objects.select_related("report_date__agreement__initiative", "submitted_by")
        .prefetch_related("lines__contribution", "attachments")
        .get(pk=pk)
    )
