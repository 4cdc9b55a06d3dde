"""The follow-up reports waiting for the handläggare's review, for "Mitt arbete"."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from initiatives import extensions
from initiatives.models import Status

from .models import FollowUpReportVersion


def reports_to_review(*, user, limit: int) -> list[extensions.TodoRow]:
    """The latest version of each report on the user's active cases that has no review yet: a
    report just sent in, or the organisation's completion of one that was returned."""
    later_version = FollowUpReportVersion.objects.filter(
        report_id=OuterRef("report_id"), number__gt=OuterRef("number")
    )
    versions = (
        FollowUpReportVersion.objects.filter(
            report__report_date__agreement__initiative__handlaggare=user,
            report__report_date__agreement__initiative__status=Status.ACTIVE,
            review__isnull=True,
        )
        .filter(~Exists(later_version))
        .select_related(
            "report__report_date__agreement__initiative__organisation", "report__report_date"
        )
        .order_by("-submitted_at", "-pk")[:limit]
    )
    rows = []
    for version in versions:
        report = version.report
        case = report.report_date.agreement.initiative
        what = _("Rapport att granska") if version.number == 1 else _("Komplettering att granska")
        rows.append(
            extensions.TodoRow(
                when=version.submitted_at,
                what=f"{what}: {report.report_date.description}",
                case=case,
                url=reverse(
                    "admin:initiatives_initiative_report_review", args=[case.pk, report.pk]
                ),
            )
        )
    return rows
