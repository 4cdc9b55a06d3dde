"""The organisation keeps its case: on its case page, for as long as the case exists (also
after it has closed), the signed agreement, the nämnd's decisions it was sent, the evaluation,
an early termination and the renewal's link."""

from agreements.case_page import may_read_agreement
from core.records import related_or_none
from decisions.models import Decision
from initiatives import extensions
from initiatives.models import Initiative, Status

from .models import EvaluationGoal

# From here on the agreement is signed or being signed; before, agreements' own part links to
# the draft.
SIGNED_STATUSES = (Status.SIGNING, Status.ACTIVE, Status.CLOSED, Status.TERMINATED)
DECIDED_STATUSES = (*SIGNED_STATUSES, Status.DECLINED, Status.AGREEMENT)


def _context(*, request, case, member):
    status = case.status
    if status not in DECIDED_STATUSES and not case.renews_id:
        return None
    decisions = (
        list(
            Decision.objects.filter(initiative=case)
            .select_related("namnd")
            .order_by("meeting_date", "pk")
        )
        if status in DECIDED_STATUSES
        else []
    )
    agreement = related_or_none(case, "agreement") if status in SIGNED_STATUSES else None
    termination = (
        related_or_none(agreement, "termination")
        if agreement is not None and status == Status.TERMINATED
        else None
    )
    evaluation = related_or_none(case, "evaluation") if status == Status.CLOSED else None
    goals, renewals = [], []
    if evaluation is not None:
        goals = list(EvaluationGoal.objects.filter(evaluation=evaluation).select_related("goal"))
        renewals = list(Initiative.objects.filter(renews=case).only("pk", "diarienummer"))
    if not (decisions or agreement or evaluation or case.renews_id):
        return None
    return {
        "decisions": decisions,
        "agreement": agreement,
        "agreement_link": agreement is not None
        and may_read_agreement(request, case, member=member),
        "termination": termination,
        "evaluation": evaluation,
        "goals": goals,
        "renewals": renewals,
    }


DETAIL_PART = extensions.CaseDetailPart(
    template="term/case_records_part.html", context=_context, placement="after_timeline"
)
