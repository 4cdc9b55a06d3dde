"""Reads of agreement drafts that the admin and the organisation's page share."""

import datetime

from django.db.models import Case, OuterRef, Q, QuerySet, Subquery, When

from initiatives.models import Status

from .models import Agreement, AgreementComment, AgreementVersion, ReportDate


def versions_for(*, agreement) -> QuerySet[AgreementVersion]:
    """The agreement's versions, newest first, with who saved and sent each."""
    return (
        AgreementVersion.objects.filter(agreement=agreement)
        .select_related("created_by", "sent_by")
        .defer("snapshot")
        .order_by("-number")
    )


def sent_version(*, agreement) -> AgreementVersion | None:
    """The latest version sent to the organisation, the one it reads and comments on."""
    return (
        AgreementVersion.objects.filter(agreement=agreement, sent_at__isnull=False)
        .order_by("-number")
        .first()
    )


def comments_for(*, agreement) -> QuerySet[AgreementComment]:
    return (
        AgreementComment.objects.filter(version__agreement=agreement)
        .select_related("author", "version")
        .order_by("created_at", "pk")
    )


def next_due_dates(today: datetime.date):
    """The case's open dates an active partnership's agreement sets (initiatives.extensions).

    The next report date and the end of the term. Report dates have no "received" mark, so only
    those from today on count as open; the end of term stays open until the evaluation closes
    the case.
    """
    active = Q(status=Status.ACTIVE)
    report = ReportDate.objects.filter(agreement__initiative=OuterRef("pk"), due_date__gte=today)
    term_end = Agreement.objects.filter(initiative=OuterRef("pk")).values("term_end")[:1]
    return [
        Case(When(active, then=Subquery(report.order_by("due_date").values("due_date")[:1]))),
        Case(When(active, then=Subquery(term_end))),
    ]
