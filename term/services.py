"""Writes of the term: the follow-up report and the final evaluation."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User
from agreements.models import Contribution, Party, ReportDate
from core.notifications import portal_url, send_on_commit
from initiatives.message_services import (
    attachments_store,
    case_document_register,
    staff_addresses,
)
from initiatives.workflow import lock_initiative

from . import permissions, report_services
from .evaluation_services import evaluation_record  # noqa: F401  (callers import it from here)
from .models import FollowUpReport, FollowUpReportLine


@transaction.atomic
def report_submit(
    *,
    report_date: ReportDate,
    by: User,
    activities_done: str,
    participants_reached: int,
    deviations: str = "",
    money_used: dict[int, int],
    goal_answers: dict[int, dict] | None = None,
    files=(),
) -> FollowUpReport:
    """Submit the report due on `report_date`: one per date, registered, handläggare notified.

    `money_used` maps each of the municipality's contribution lines (by id) to kronor used;
    `goal_answers` maps the agreement's goals (by id) to {"outcome_value", "outcome_text"}.
    The report is its own version 1 (term.report_services keeps the later ones).
    """
    initiative = lock_initiative(report_date.agreement.initiative_id)
    if not permissions.can_report(by, initiative):
        raise PermissionDenied
    if FollowUpReport.objects.filter(report_date=report_date).exists():
        raise ValidationError(
            _("Rapporten för %(date)s är redan inskickad.") % {"date": report_date.due_date},
            code="already_submitted",
        )
    lines = Contribution.objects.filter(
        agreement_id=report_date.agreement_id, party=Party.MUNICIPALITY
    )
    expected = {c.pk for c in lines}
    if set(money_used) != expected:
        raise ValidationError(
            _("Ange använda medel för varje bidrag från kommunen i avtalet."), code="lines"
        )
    report = FollowUpReport(
        report_date=report_date,
        activities_done=activities_done,
        participants_reached=participants_reached,
        deviations=deviations,
        submitted_by=by,
    )
    used_lines = [
        FollowUpReportLine(report=report, contribution_id=pk, amount_used_sek=amount)
        for pk, amount in sorted(money_used.items())
    ]
    errors = {}
    try:
        report.full_clean(exclude=["report_date", "submitted_by"], validate_unique=False)
    except ValidationError as error:
        errors = error.message_dict
    for line in used_lines:
        try:
            line.full_clean(exclude=["report", "contribution"], validate_unique=False)
        except ValidationError as error:
            # Shown beside the line's own field on the report form (ReportForm's used_<id>).
            errors[f"used_{line.contribution_id}"] = error.messages
    if errors:
        raise ValidationError(errors)
    report.save()
    FollowUpReportLine.objects.bulk_create(used_lines)
    report_services.report_version_add(
        report=report,
        by=by,
        activities_done=activities_done,
        participants_reached=participants_reached,
        deviations=deviations,
        money_used=money_used,
        goal_answers=goal_answers,
    )
    stored = attachments_store(initiative=initiative, files=files, by=by)
    if stored:
        report.attachments.add(*stored)
    case_document_register(
        initiative=initiative,
        by=by,
        received_at=report.submitted_at,
        subject=gettext_noop("Uppföljningsrapport: %(description)s %(date)s"),
        document=gettext_noop("Uppföljningsrapport"),
        description=report_date.description,
        date=report_date.due_date,
    )
    send_on_commit(
        template="follow_up_report",
        context={
            "diarienummer": initiative.diarienummer,
            "title": initiative.title,
            "organisation": initiative.organisation.name,
            "description": report_date.description,
            "due_date": report_date.due_date,
            "submitted_at": timezone.localtime(report.submitted_at),
            "url": portal_url(
                "admin:initiatives_initiative_report_review", initiative.pk, report.pk
            ),
        },
        to=staff_addresses(initiative),
    )
    return report
