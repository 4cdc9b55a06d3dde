"""Writes for assessments: criteria set versions; start, record, approve, revise, complete."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User
from core.notifications import record_text, send_on_commit
from core.records import save_fields
from initiatives import assignment_services
from initiatives.models import Attachment, Initiative, Status
from initiatives.workflow import initiative_transition, lock_initiative

from . import permissions
from .models import (
    Assessment,
    AssessmentRevision,
    CriteriaSet,
    Criterion,
    CriterionAssessment,
    Recommendation,
)
from .selectors import assessment_contradictions


@dataclass(frozen=True)
class Saved:
    """An assessment as saved, with the warnings its recommendation gives against its criteria."""

    assessment: Assessment
    warnings: list[str]


@transaction.atomic
def criteria_set_new_version(*, criteria_set: CriteriaSet, by: User) -> CriteriaSet:
    """Copy a set and all its criteria into the next, unpublished version of the same name."""
    if not permissions.can_add_criteria_set(by):
        raise PermissionDenied
    # Lock the name's versions, then read the highest anew: a concurrent copy has committed by now.
    list(CriteriaSet.objects.select_for_update().filter(name=criteria_set.name).values("pk"))
    latest = CriteriaSet.objects.filter(name=criteria_set.name).aggregate(v=Max("version"))["v"]
    new = CriteriaSet.objects.create(
        name=criteria_set.name,
        version=latest + 1,
        source=criteria_set.source,
        published=False,
    )
    # Every field, found from the model, so fields added to Criterion later are copied too.
    fields = [
        f for f in Criterion._meta.concrete_fields if not f.primary_key and f.name != "criteria_set"
    ]
    old_criteria = list(criteria_set.criteria.all())
    new_criteria = Criterion.objects.bulk_create(
        Criterion(criteria_set=new, **{f.attname: getattr(c, f.attname) for f in fields})
        for c in old_criteria
    )
    for m2m in Criterion._meta.many_to_many:
        for old, copy in zip(old_criteria, new_criteria, strict=True):
            getattr(copy, m2m.name).set(getattr(old, m2m.name).all())
    return new


@transaction.atomic
def criteria_set_publish(*, criteria_set: CriteriaSet, by: User) -> CriteriaSet:
    """Publish a set: from now on it is frozen, and förvaltningar may assess against it."""
    if not permissions.can_change_criteria_set(by):
        raise PermissionDenied
    criteria_set = CriteriaSet.objects.select_for_update().get(pk=criteria_set.pk)
    if criteria_set.published:
        raise ValidationError(
            _("Kriterieuppsättningen är redan publicerad."), code="already_published"
        )
    if not criteria_set.criteria.exists():
        raise ValidationError(
            _("En kriterieuppsättning utan kriterier kan inte publiceras."), code="empty"
        )
    criteria_set.published = True
    criteria_set.save(update_fields=["published"])
    return criteria_set


@transaction.atomic
def assessment_start(*, initiative: Initiative, by: User) -> Assessment:
    """Open the assessment of a submitted case against the förvaltning's current criteria set."""
    initiative = lock_initiative(initiative.pk)
    if not permissions.can_assess(by, initiative):
        raise PermissionDenied
    criteria_set = initiative.forvaltning.criteria_set
    if criteria_set is None:
        raise ValidationError(
            _("%(forvaltning)s har ingen kriterieuppsättning vald. Välj en under Förvaltningar.")
            % {"forvaltning": initiative.forvaltning},
            code="no_criteria_set",
        )
    if not criteria_set.published:
        raise ValidationError(
            _("Kriterieuppsättningen %(set)s är inte publicerad än. Publicera den först.")
            % {"set": criteria_set},
            code="criteria_set_unpublished",
        )
    initiative_transition(
        initiative=initiative,
        to=Status.ASSESSMENT,
        by=by,
        note=record_text(gettext_noop("Bedömning påbörjad")),
    )
    if initiative.handlaggare_id is None:
        # Through the assignment service, so the queue's assignment log shows who took the case.
        initiative = assignment_services.initiative_assign(
            initiative=initiative,
            handlaggare=by,
            by=by,
            note=record_text(gettext_noop("Tog ärendet när bedömningen påbörjades")),
        )
    assessment = Assessment.objects.create(
        initiative=initiative, criteria_set=criteria_set, assessed_by=by, saved_by=by
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
    by: User,
    answers: dict[int, tuple[str, str]] | None = None,
    attachments: dict[int, list[int]] | None = None,
    recommendation: str | None = None,
    summary: str | None = None,
    considerations: str | None = None,
) -> Saved:
    """Save work in progress: verdicts and motivations per criterion id, the attachments that
    support each (ids, by criterion id; they must belong to the same case), and the conclusion.

    The recommendation is saved even where it contradicts the criteria: the contradictions come
    back as warnings, since the förvaltning may have reasons the criteria do not capture.
    """
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _check_editable(assessment=assessment, by=by)
    answers, attachments = answers or {}, attachments or {}
    linked = _attachments_of_case(assessment=assessment, attachments=attachments)
    for answer in assessment.answers.all():
        if answer.criterion_id in answers:
            answer.verdict, answer.motivation = answers[answer.criterion_id]
            answer.full_clean(exclude=["assessment", "criterion"])
            answer.save(update_fields=["verdict", "motivation"])
        if answer.criterion_id in attachments:
            answer.attachments.set(linked[answer.criterion_id])
    given = {"recommendation": recommendation, "summary": summary, "considerations": considerations}
    save_fields(
        assessment,
        by=by,
        fields={name: value for name, value in given.items() if value is not None},
        by_field="saved_by",
        exclude=["initiative", "criteria_set", "assessed_by"],
    )
    return Saved(assessment, assessment_contradictions(assessment=assessment))


def _attachments_of_case(
    *, assessment: Assessment, attachments: dict[int, list[int]]
) -> dict[int, list[Attachment]]:
    """Resolve attachment ids per criterion id, refusing any that belong to another case."""
    wanted = {pk for pks in attachments.values() for pk in pks}
    found = Attachment.objects.in_bulk(wanted)
    foreign = [
        (criterion_id, pk)
        for criterion_id, pks in attachments.items()
        for pk in pks
        if pk not in found or found[pk].initiative_id != assessment.initiative_id
    ]
    if foreign:
        positions = dict(
            assessment.criteria_set.criteria.filter(pk__in=attachments).values_list(
                "pk", "position"
            )
        )
        # Another case's file is named by id only: its name is not this user's to see.
        raise ValidationError(
            [
                _(
                    "Bilaga %(pk)s hör inte till det här ärendet och kan inte kopplas till "
                    "kriterium %(n)s. Välj bland ärendets egna bilagor."
                )
                % {"pk": pk, "n": positions.get(criterion_id, "?")}
                for criterion_id, pk in foreign
            ],
            code="attachment_other_case",
        )
    return {criterion_id: [found[pk] for pk in pks] for criterion_id, pks in attachments.items()}


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
def assessment_approve(*, assessment: Assessment, by: User) -> Saved:
    """Approve the current revision as a second staff member; freeze a copy of it."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _check_editable(assessment=assessment, by=by)
    if assessment.saved_by_id == by.pk:
        raise ValidationError(
            _(
                "Du sparade bedömningen senast och kan därför inte själv godkänna den. "
                "En annan medarbetare behöver godkänna den."
            ),
            code="four_eyes",
        )
    assessment_check_complete(assessment=assessment)
    save_fields(
        assessment,
        by=by,
        fields={"approved_at": timezone.now()},
        by_field="approved_by",
        validate=False,
        partial=True,
    )
    answers = assessment.answers.select_related("criterion").prefetch_related("attachments")
    AssessmentRevision.objects.create(
        assessment=assessment,
        revision=assessment.revision,
        criteria_set_id=assessment.criteria_set_id,
        recommendation=assessment.recommendation,
        summary=assessment.summary,
        considerations=assessment.considerations,
        answers=[
            {
                "position": a.criterion.position,
                "text": a.criterion.text,
                "verdict": a.verdict,
                "motivation": a.motivation,
                "attachments": [{"id": f.pk, "name": f.original_name} for f in a.attachments.all()],
            }
            for a in answers
        ],
        saved_by_id=assessment.saved_by_id,
        approved_by=by,
        approved_at=assessment.approved_at,
    )
    return Saved(assessment, assessment_contradictions(assessment=assessment))


@transaction.atomic
def assessment_revise(*, assessment: Assessment, by: User) -> Assessment:
    """Open a new revision of an approved assessment; the approved one stays as it was."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _check_open(assessment=assessment, by=by)
    if not assessment.is_approved:
        raise ValidationError(
            _("Bedömningen är inte godkänd än och kan ändras direkt."), code="not_approved"
        )
    save_fields(
        assessment,
        by=by,
        fields={"revision": assessment.revision + 1, "approved_by": None, "approved_at": None},
        by_field="saved_by",
        validate=False,
        partial=True,
    )
    return assessment


@transaction.atomic
def assessment_complete(*, assessment: Assessment, by: User) -> Assessment:
    """Close the assessment; an IOP recommendation moves the case on to an agreement draft,
    any other ends it with a referral the organisation is told about."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _check_open(assessment=assessment, by=by)
    if not assessment.is_approved:
        raise ValidationError(
            _("Bedömningen måste godkännas av en annan medarbetare innan den kan avslutas."),
            code="not_approved",
        )
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
    save_fields(
        assessment, by=by, fields={"completed_at": timezone.now()}, validate=False, partial=True
    )
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


def _check_open(*, assessment: Assessment, by: User) -> None:
    if not permissions.can_assess(by, assessment.initiative):
        raise PermissionDenied
    if assessment.completed_at is not None or assessment.initiative.status != Status.ASSESSMENT:
        raise ValidationError(
            _("Bedömningen är avslutad och kan inte ändras."), code="assessment_closed"
        )


def _check_editable(*, assessment: Assessment, by: User) -> None:
    _check_open(assessment=assessment, by=by)
    if assessment.is_approved:
        raise ValidationError(
            _(
                "Revision %(n)s är godkänd och kan inte ändras. "
                "Välj ”Ny revision” för att ändra bedömningen."
            )
            % {"n": assessment.revision},
            code="assessment_approved",
        )
