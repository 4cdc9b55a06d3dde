"""Writes of the organisation's side: case messages and follow-up reports, each a case document."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from agreements.models import Contribution, Party, ReportDate
from core.notifications import record_language, send_on_commit
from initiatives import services as initiative_services
from initiatives.models import DiaryEntry, Initiative
from initiatives.workflow import lock_initiative
from organisations.models import Membership

from . import permissions
from .models import CaseMessage, DraftProgress, FollowUpReport, FollowUpReportLine


def draft_progress_record(*, initiative: Initiative, step: str) -> None:
    """Remember the wizard step a draft is at (the draft itself: initiative_save_draft)."""
    DraftProgress.objects.update_or_create(initiative=initiative, defaults={"step": step})


def _sender(initiative: Initiative, by) -> str:
    if by.is_staff:
        return initiative.forvaltning.name
    organisation = initiative.organisation
    return f"{organisation.name} ({organisation.org_number})"


def _organisation_addresses(initiative: Initiative) -> list[str]:
    # Only current members: a person removed from the organisation no longer gets its mail.
    members = Membership.objects.current().filter(organisation_id=initiative.organisation_id)
    return [
        initiative.organisation.contact_email,
        *members.values_list("user__email", flat=True),
    ]


def _staff_addresses(initiative: Initiative) -> list[str]:
    if initiative.handlaggare_id:
        return [initiative.handlaggare.email]
    return [initiative.forvaltning.contact_email]


def _attach(*, initiative: Initiative, files, by) -> list:
    """Store each (file, description); a refused file raises ValidationError naming it."""
    return [
        initiative_services.attachment_add(
            initiative=initiative, uploaded_file=uploaded, by=by, description=description
        )
        for uploaded, description in files
    ]


@transaction.atomic
def message_send(*, initiative: Initiative, by, body: str, files=()) -> CaseMessage:
    """Send a message on the case, register it in the diary and tell the other side by email."""
    initiative = lock_initiative(initiative.pk)
    if not permissions.can_message(by, initiative):
        raise PermissionDenied
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Skriv ett meddelande.")}, code="required")
    from_staff = not permissions.is_member(by, initiative)
    message = CaseMessage(initiative=initiative, author=by, from_staff=from_staff, body=body)
    message.full_clean(exclude=["initiative", "author"])
    message.save()
    body = message.body
    stored = _attach(initiative=initiative, files=files, by=by)
    if stored:
        message.attachments.add(*stored)
    with record_language():
        DiaryEntry.objects.create(
            initiative=initiative,
            received_at=message.sent_at,
            sender=_sender(initiative, by),
            # A person's name may be 301 characters; the subject is a short line.
            subject=_("Meddelande i ärendet från %(name)s")
            % {"name": Truncator(by.get_full_name()).chars(200)},
            document=_("Meddelande"),
            registered_by=by if from_staff else None,
        )
    send_on_commit(
        template="case_message",
        context={
            "diarienummer": initiative.diarienummer,
            "title": initiative.title,
            "sender": initiative.forvaltning.name if from_staff else initiative.organisation.name,
            "body": body,
            "attachments": [a.original_name for a in stored],
            "to_staff": not from_staff,
        },
        to=_organisation_addresses(initiative) if from_staff else _staff_addresses(initiative),
    )
    return message


@transaction.atomic
def report_submit(
    *,
    report_date: ReportDate,
    by,
    activities_done: str,
    participants_reached: int,
    deviations: str = "",
    money_used: dict[int, int],
    files=(),
) -> FollowUpReport:
    """Submit the report due on `report_date`: one per date, registered, handläggare notified.

    `money_used` maps each of the municipality's contribution lines (by id) to kronor used.
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
    stored = _attach(initiative=initiative, files=files, by=by)
    if stored:
        report.attachments.add(*stored)
    with record_language():
        DiaryEntry.objects.create(
            initiative=initiative,
            received_at=report.submitted_at,
            sender=_sender(initiative, by),
            subject=_("Uppföljningsrapport: %(description)s %(date)s")
            % {"description": report_date.description, "date": report_date.due_date},
            document=_("Uppföljningsrapport"),
            registered_by=None,
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
        },
        to=_staff_addresses(initiative),
    )
    return report
