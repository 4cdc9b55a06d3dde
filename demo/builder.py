"""One way to build a whole case: walk it through the services up to the stage asked for.

The demo data, the test factories and the benchmarks all build their cases here, so a change to
the lifecycle is made once. Every step is the service a real user's click calls, in the order
the portal allows; nothing is written to the database directly.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from agreements import services as agreement_services
from agreements import signing_services
from agreements.models import Agreement, Party, Signature
from assessments import services as assessment_services
from assessments.models import Assessment, CriterionAssessment, Recommendation
from decisions import services as decision_services
from decisions import tjansteutlatande_services as tu_services
from decisions.models import Decision, Tjansteutlatande, Undertecknare
from initiatives import services
from initiatives.models import Initiative

# The stages build_case() can stop at, in lifecycle order. "assessed" is the completed
# assessment: the case waits for its agreement (or is declined, as the recommendation says).
STAGES = ("draft", "submitted", "assessment", "assessed", "decision", "signing", "active")


@dataclass(frozen=True)
class Assessing:
    """What the handläggare writes in the assessment: every criterion fulfilled."""

    comment: str = ""
    recommendation: str = Recommendation.IOP
    summary: str = ""
    considerations: str = ""


@dataclass(frozen=True)
class Deciding:
    """The nämnd's approving decision."""

    meeting_date: datetime.date
    paragraph: int
    decision_text: str
    decision_process: str = ""
    adjusted_immediately: bool = False


@dataclass(frozen=True)
class Signing:
    """Who signs for each party (party, name, title), where and when, on paper."""

    signed_on: datetime.date
    signatories: tuple[tuple[str, str, str], ...]
    place: str = "Demostad"


@dataclass
class BuiltCase:
    initiative: Initiative
    assessment: Assessment | None = None
    agreement: Agreement | None = None
    decision: Decision | None = None
    tjansteutlatande: Tjansteutlatande | None = None


# How long before the nämnd's meeting a built case's tjänsteutlåtande was upprättat.
TJANSTEUTLATANDE_BEFORE = datetime.timedelta(days=14)


def tjansteutlatande_upprattat_build(
    initiative, *, writer, chef, dated: datetime.date | None = None
) -> Tjansteutlatande:
    """Draft the case's tjänsteutlåtande as prefilled, submit it and have the förvaltningschef
    approve it (naming `chef` as the förvaltning's chef if it has none): it is upprättat."""
    forvaltning = initiative.forvaltning
    if not Undertecknare.objects.filter(
        forvaltning=forvaltning, roll=Undertecknare.Roll.CHEF
    ).exists():
        # Configuration an administrator makes once per förvaltning; made here directly since
        # the builder acts as no administrator.
        Undertecknare.objects.create(
            forvaltning=forvaltning,
            roll=Undertecknare.Roll.CHEF,
            user=chef,
            titel="Förvaltningschef",
        )
    chefs = {u.roll: u.user for u in Undertecknare.objects.filter(forvaltning=forvaltning)}
    tu = tu_services.tjansteutlatande_draft_create(initiative=initiative, by=writer)
    tu_services.tjansteutlatande_submit_for_approval(tjansteutlatande=tu, by=writer)
    for user in chefs.values():
        tu = tu_services.tjansteutlatande_approve(tjansteutlatande=tu, by=user, dated=dated)
    return tu


def _reached(stage: str, step: str) -> bool:
    return STAGES.index(stage) >= STAGES.index(step)


def build_case(
    *,
    stage: str,
    organisation,
    forvaltning,
    member,
    fields: dict,
    handlaggare=None,
    approver=None,
    secretary=None,
    assessing: Assessing | None = None,
    organisation_in_kind: dict | None = None,
    deciding: Deciding | None = None,
    signing: Signing | None = None,
) -> BuiltCase:
    """Walk a new case of `organisation` at `forvaltning` to `stage` (one of STAGES).

    `member` drafts and submits; `handlaggare` assesses, drafts the agreement and records the
    signatures; `approver` (a second staff member) approves the assessment; `secretary` records
    the decision. `organisation_in_kind`, when given, values the organisation's contribution in
    kind (agreement contribution fields) before the agreement goes to the nämnd.
    """
    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r}; one of {', '.join(STAGES)}")
    initiative = services.initiative_save_draft(
        by=member, organisation=organisation, forvaltning=forvaltning, **fields
    )
    built = BuiltCase(initiative=initiative)
    if not _reached(stage, "submitted"):
        return built
    built.initiative = services.initiative_submit(initiative=initiative, by=member)
    if not _reached(stage, "assessment"):
        return built
    built.assessment = assessment = assessment_services.assessment_start(
        initiative=built.initiative, by=handlaggare
    )
    if _reached(stage, "assessed"):
        _assess(
            assessment,
            handlaggare=handlaggare,
            approver=approver,
            assessing=assessing or Assessing(),
        )
    if _reached(stage, "decision"):
        built.agreement = _agreement(
            built.initiative, handlaggare=handlaggare, organisation_in_kind=organisation_in_kind
        )
        built.tjansteutlatande = tjansteutlatande_upprattat_build(
            built.initiative,
            writer=handlaggare,
            chef=approver or handlaggare,
            dated=min(deciding.meeting_date - TJANSTEUTLATANDE_BEFORE, timezone.localdate())
            if deciding
            else None,
        )
    if _reached(stage, "signing"):
        built.decision = decision_services.decision_record(
            initiative=built.initiative,
            by=secretary,
            meeting_date=deciding.meeting_date,
            paragraph=deciding.paragraph,
            outcome=Decision.Outcome.APPROVED,
            decision_text=deciding.decision_text,
            decision_process=deciding.decision_process,
            adjusted_immediately=deciding.adjusted_immediately,
        )
    if _reached(stage, "active"):
        for party, name, title in signing.signatories:
            signing_services.agreement_sign(
                agreement=built.agreement,
                by=handlaggare,
                party=party,
                name=name,
                title=title,
                place=signing.place,
                signed_on=signing.signed_on,
                method=Signature.Method.PAPER,
            )
    built.initiative.refresh_from_db()
    return built


def _assess(assessment, *, handlaggare, approver, assessing: Assessing) -> None:
    assessment_services.assessment_record(
        assessment=assessment,
        by=handlaggare,
        answers={
            a.criterion_id: (CriterionAssessment.Verdict.FULFILLED, assessing.comment)
            for a in assessment.answers.all()
        },
        recommendation=assessing.recommendation,
        summary=assessing.summary,
        considerations=assessing.considerations,
    )
    # Four eyes: a second staff member approves what the handläggare saved.
    assessment_services.assessment_approve(assessment=assessment, by=approver)
    assessment_services.assessment_complete(assessment=assessment, by=handlaggare)


def _agreement(initiative, *, handlaggare, organisation_in_kind: dict | None) -> Agreement:
    agreement = agreement_services.agreement_create_draft(initiative=initiative, by=handlaggare)
    if organisation_in_kind is not None:
        agreement_services.agreement_update(
            agreement=agreement,
            by=handlaggare,
            contributions=[
                {"id": c.pk} | (organisation_in_kind if c.party == Party.ORGANISATION else {})
                for c in agreement.contributions.all()
            ],
        )
    agreement_services.agreement_submit_for_decision(agreement=agreement, by=handlaggare)
    return agreement
