"""Writes of the report review: each version of a report, staff's accept or return, the revision."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User
from agreements.models import AgreementGoal, Contribution, Party
from core.notifications import portal_url, send_on_commit
from initiatives import permissions as case_permissions
from initiatives.message_services import (
    attachments_store,
    case_document_register,
    organisation_addresses,
    staff_addresses,
)
from initiatives.models import Status
from initiatives.workflow import lock_initiative

from . import permissions
from .models import (
    FollowUpReport,
    FollowUpReportGoal,
    FollowUpReportReview,
    FollowUpReportVersion,
)

Decision = FollowUpReportReview.Decision


def report_version_add(
    *,
    report: FollowUpReport,
    by: User,
    activities_done: str,
    participants_reached: int,
    deviations: str,
    money_used: dict[int, int],
    goal_answers: dict[int, dict] | None,
) -> FollowUpReportVersion:
    """Store the next version of `report` with its answers per goal; the caller holds the lock.

    `goal_answers` maps a goal of the agreement (by id) to {"outcome_value", "outcome_text"}.
    """
    agreement_id = report.report_date.agreement_id
    goal_answers = goal_answers or {}
    goals = set(
        AgreementGoal.objects.filter(agreement_id=agreement_id).values_list("pk", flat=True)
    )
    if not set(goal_answers) <= goals:
        raise ValidationError(_("Rapporten svarar på ett mål som inte finns i avtalet."))
    number = (report.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = FollowUpReportVersion(
        report=report,
        number=number,
        activities_done=activities_done,
        participants_reached=participants_reached,
        deviations=deviations,
        money_used={str(pk): amount for pk, amount in sorted(money_used.items())},
        submitted_by=by,
    )
    answers = [
        FollowUpReportGoal(
            report=report,
            version=version,
            goal_id=pk,
            outcome_value=values.get("outcome_value", ""),
            outcome_text=values.get("outcome_text", ""),
        )
        for pk, values in sorted(goal_answers.items())
    ]
    errors: dict[str, list] = {}
    try:
        version.full_clean(exclude=["report", "submitted_by"], validate_unique=False)
    except ValidationError as error:
        errors = error.message_dict
    for answer in answers:
        try:
            answer.full_clean(exclude=["report", "version", "goal"], validate_unique=False)
        except ValidationError as error:
            errors[f"goal_{answer.goal_id}"] = error.messages
    if errors:
        raise ValidationError(errors)
    version.save()
    for answer in answers:
        answer.version = version
    FollowUpReportGoal.objects.bulk_create(answers)
    return version


def _latest(report: FollowUpReport) -> FollowUpReportVersion:
    return report.versions.select_related("review").order_by("-number").first()


def _review_check(report: FollowUpReport) -> FollowUpReportVersion:
    if report.reviews.filter(decision=Decision.ACCEPTED).exists():
        raise ValidationError(_("Rapporten är redan godkänd."), code="already_accepted")
    latest = _latest(report)
    if hasattr(latest, "review"):
        raise ValidationError(
            _(
                "Rapporten är återsänd för komplettering. Den kan granskas igen när "
                "organisationen har skickat in en ny version."
            ),
            code="awaiting_revision",
        )
    return latest


def _locked_report(report: FollowUpReport):
    initiative = lock_initiative(report.report_date.agreement.initiative_id)
    report = FollowUpReport.objects.select_related("report_date__agreement").get(pk=report.pk)
    return initiative, report


@transaction.atomic
def report_accept(*, report: FollowUpReport, by: User) -> FollowUpReportReview:
    """Accept the report as it now stands; the organisation is told."""
    initiative, report = _locked_report(report)
    if not permissions.can_review(by, initiative):
        raise PermissionDenied
    version = _review_check(report)
    review = FollowUpReportReview.objects.create(
        report=report, version=version, decision=Decision.ACCEPTED, reviewed_by=by
    )
    _tell_organisation(initiative=initiative, report=report, review=review)
    return review


@transaction.atomic
def report_return(*, report: FollowUpReport, by: User, request_text: str) -> FollowUpReportReview:
    """Send the report back to the organisation with a request for completion."""
    initiative, report = _locked_report(report)
    if not permissions.can_review(by, initiative):
        raise PermissionDenied
    version = _review_check(report)
    if initiative.status != Status.ACTIVE:
        # The organisation completes a report only while the partnership runs.
        raise ValidationError(
            _(
                "Rapporten kan bara skickas tillbaka medan partnerskapet pågår; organisationen "
                "kan inte komplettera den när ärendet har status ”%(status)s”."
            )
            % {"status": initiative.get_status_display()},
            code="not_active",
        )
    review = FollowUpReportReview(
        report=report,
        version=version,
        decision=Decision.RETURNED,
        request_text=request_text,
        reviewed_by=by,
    )
    if not (request_text or "").strip():
        raise ValidationError(
            {"request_text": _("Skriv vad organisationen ska komplettera.")}, code="no_request"
        )
    review.full_clean(exclude=["report", "version", "reviewed_by"], validate_unique=False)
    review.save()
    _tell_organisation(initiative=initiative, report=report, review=review)
    return review


def _tell_organisation(*, initiative, report, review) -> None:
    accepted = review.decision == Decision.ACCEPTED
    send_on_commit(
        template="report_accepted" if accepted else "report_returned",
        context={
            "diarienummer": initiative.diarienummer,
            "title": initiative.title,
            "description": report.report_date.description,
            "due_date": report.report_date.due_date,
            "request_text": review.request_text,
            "url": portal_url("term:report", initiative.pk, report.report_date_id),
        },
        to=organisation_addresses(initiative),
    )


@transaction.atomic
def report_revise(
    *,
    report: FollowUpReport,
    by: User,
    activities_done: str,
    participants_reached: int,
    deviations: str = "",
    money_used: dict[int, int],
    goal_answers: dict[int, dict] | None = None,
    files=(),
) -> FollowUpReportVersion:
    """The organisation's completed report: a new version, registered, the handläggare told."""
    initiative, report = _locked_report(report)
    if not case_permissions.is_case_member(by, initiative):
        raise PermissionDenied(_("Bara organisationens medlemmar kan komplettera rapporten."))
    if not permissions.can_report(by, initiative, member=True):
        raise ValidationError(
            _("Rapporter kan bara kompletteras medan partnerskapet pågår."), code="not_active"
        )
    if report.reviews.filter(decision=Decision.ACCEPTED).exists():
        raise ValidationError(
            _("Rapporten är godkänd och kan inte ändras."), code="already_accepted"
        )
    if not hasattr(_latest(report), "review"):
        raise ValidationError(
            _(
                "Rapporten väntar på handläggarens granskning. Den kan kompletteras när "
                "handläggaren har begärt det."
            ),
            code="not_returned",
        )
    expected = set(
        Contribution.objects.filter(
            agreement_id=report.report_date.agreement_id, party=Party.MUNICIPALITY
        ).values_list("pk", flat=True)
    )
    if set(money_used) != expected:
        raise ValidationError(
            _("Ange använda medel för varje bidrag från kommunen i avtalet."), code="lines"
        )
    version = report_version_add(
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
    report_date = report.report_date
    case_document_register(
        initiative=initiative,
        by=by,
        received_at=version.submitted_at,
        subject=gettext_noop(
            "Komplettering av uppföljningsrapport: %(what)s %(date)s, version %(n)s"
        ),
        document=gettext_noop("Komplettering av uppföljningsrapport"),
        what=report_date.description,
        date=report_date.due_date,
        n=version.number,
    )
    send_on_commit(
        template="report_revised",
        context={
            "diarienummer": initiative.diarienummer,
            "title": initiative.title,
            "organisation": initiative.organisation.name,
            "description": report_date.description,
            "due_date": report_date.due_date,
            "version": version.number,
            "submitted_at": timezone.localtime(version.submitted_at),
            "url": portal_url(
                "admin:initiatives_initiative_report_review", initiative.pk, report.pk
            ),
        },
        to=staff_addresses(initiative),
    )
    return version
