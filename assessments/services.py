"""Writes for assessments: start one against the förvaltning's criteria, record it, complete it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from initiatives import permissions
from initiatives.models import Initiative, Status
from initiatives.workflow import initiative_transition, lock_initiative
from iop_portal.notifications import record_text, send_on_commit

from .models import Assessment, CriterionAssessment, Recommendation


@transaction.atomic
def assessment_start(*, initiative: Initiative, by) -> Assessment:
    """Open the assessment of a submitted case against the förvaltning's current criteria set."""
    initiative = lock_initiative(initiative.pk)
    if not permissions.can_handle_case(by, initiative):
        raise PermissionDenied
    criteria_set = initiative.forvaltning.criteria_set
    if criteria_set is None:
        raise ValidationError(
            _("%(forvaltning)s har ingen kriterieuppsättning vald. Välj en under Förvaltningar.")
            % {"forvaltning": initiative.forvaltning},
            code="no_criteria_set",
        )
    initiative_transition(
        initiative=initiative,
        to=Status.ASSESSMENT,
        by=by,
        note=record_text(gettext_noop("Bedömning påbörjad")),
    )
    if initiative.handlaggare_id is None:
        initiative.handlaggare = by
        initiative._history_user = by
        initiative.save(update_fields=["handlaggare", "updated_at"])
    assessment = Assessment.objects.create(
        initiative=initiative, criteria_set=criteria_set, assessed_by=by
    )
    CriterionAssessment.objects.bulk_create(
        CriterionAssessment(assessment=assessment, criterion=criterion)
        for criterion in criteria_set.criteria.all()
    )
    return assessment


@transaction.atomic
def assessment_record(
    *,
    assessment: Assessment,
    by,
    answers: dict[int, tuple[str, str]] | None = None,
    recommendation: str | None = None,
    summary: str | None = None,
    considerations: str | None = None,
) -> Assessment:
    """Save work in progress: verdicts and motivations per criterion id, and the conclusion."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _check_open(assessment=assessment, by=by)
    for answer in assessment.answers.all():
        if answers and answer.criterion_id in answers:
            answer.verdict, answer.motivation = answers[answer.criterion_id]
            answer.full_clean(exclude=["assessment", "criterion"])
            answer.save(update_fields=["verdict", "motivation"])
    for name, value in (
        ("recommendation", recommendation),
        ("summary", summary),
        ("considerations", considerations),
    ):
        if value is not None:
            setattr(assessment, name, value)
    assessment.full_clean(exclude=["initiative", "criteria_set", "assessed_by"])
    assessment._history_user = by
    assessment.save()
    return assessment


def assessment_check_complete(*, assessment: Assessment) -> None:
    """Raise ValidationError listing what is missing before the assessment can be completed."""
    errors = []
    for answer in assessment.answers.select_related("criterion"):
        if not answer.verdict:
            errors.append(_("Kriterium %(n)s saknar bedömning.") % {"n": answer.criterion.position})
        elif answer.verdict != CriterionAssessment.Verdict.FULFILLED and not answer.motivation:
            errors.append(
                _("Kriterium %(n)s är inte uppfyllt eller oklart och behöver en motivering.")
                % {"n": answer.criterion.position}
            )
    if not assessment.recommendation:
        errors.append(_("Välj en rekommendation."))
    if not assessment.summary.strip():
        errors.append(_("Skriv en sammanfattning."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def assessment_complete(*, assessment: Assessment, by) -> Assessment:
    """Close the assessment; an IOP recommendation moves the case on to an agreement draft,
    any other ends it with a referral the organisation is told about."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _check_open(assessment=assessment, by=by)
    assessment_check_complete(assessment=assessment)
    initiative = assessment.initiative
    recommend_iop = assessment.recommendation == Recommendation.IOP
    initiative_transition(
        initiative=initiative,
        to=Status.AGREEMENT if recommend_iop else Status.DECLINED,
        by=by,
        note=record_text(
            gettext_noop("Bedömningen klar: %(r)s"),
            r=Recommendation(assessment.recommendation).label,
        ),
    )
    assessment.completed_at = timezone.now()
    assessment._history_user = by
    assessment.save(update_fields=["completed_at"])
    if not recommend_iop:
        send_on_commit(
            template="assessment_referral",
            context={
                "diarienummer": initiative.diarienummer,
                "title": initiative.title,
                "recommendation": assessment.get_recommendation_display(),
                "summary": assessment.summary,
                "forvaltning": initiative.forvaltning.name,
                "contact_name": initiative.forvaltning.contact_name,
                "contact_email": initiative.forvaltning.contact_email,
            },
            to=[initiative.organisation.contact_email],
        )
    return assessment


def _check_open(*, assessment: Assessment, by) -> None:
    if not permissions.can_handle_case(by, assessment.initiative):
        raise PermissionDenied
    if assessment.completed_at is not None or assessment.initiative.status != Status.ASSESSMENT:
        raise ValidationError(
            _("Bedömningen är avslutad och kan inte ändras."), code="assessment_closed"
        )
