"""The public "Is IOP the right form?" guide: its questions come from the published criteria."""

from dataclasses import dataclass, field

from django.db import models
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import Forvaltning

from .models import Criterion, GuideOutcome


class Answer(models.TextChoices):
    YES = "yes", _("Ja")
    NO = "no", _("Nej")
    UNKNOWN = "unknown", _("Vet inte")


class Verdict(models.TextChoices):
    """Where the guide points: IOP, or where a criterion sends a "no" (GuideOutcome)."""

    IOP = "iop", _("IOP")
    FORENINGSBIDRAG = GuideOutcome.FORENINGSBIDRAG.value, GuideOutcome.FORENINGSBIDRAG.label
    UPPHANDLING = GuideOutcome.UPPHANDLING.value, GuideOutcome.UPPHANDLING.label
    UNCLEAR = GuideOutcome.UNCLEAR.value, GuideOutcome.UNCLEAR.label


@dataclass
class GuideResult:
    verdict: str
    # The criteria whose answers led to the verdict, each with the answer given.
    reasons: list[tuple[Criterion, str]] = field(default_factory=list)


def guide_forvaltningar() -> QuerySet[Forvaltning]:
    """Förvaltningar whose published criteria set has guide questions, each with those questions."""
    questions = Criterion.objects.exclude(guide_question="").order_by("position")
    return (
        Forvaltning.objects.filter(
            criteria_set__published=True, criteria_set__criteria__guide_question__gt=""
        )
        .distinct()
        .select_related("criteria_set")
        .prefetch_related(Prefetch("criteria_set__criteria", queryset=questions, to_attr="guide"))
        .order_by("name")
    )


def guide_questions(forvaltning: Forvaltning) -> list[Criterion]:
    """The guide's questions for a förvaltning from guide_forvaltningar(), in criteria order."""
    return forvaltning.criteria_set.guide


def guide_result(*, questions: list[Criterion], answers: dict[int, str]) -> GuideResult:
    """Explain where the answers point: a "no" to a question points where its criterion says.

    Upphandling outweighs föreningsbidrag: IOP must never be used to avoid procurement. Any
    "don't know", or a "no" that points nowhere in particular, leaves the answer open.
    """
    by_outcome: dict[str, list[tuple[Criterion, str]]] = {}
    for criterion in questions:
        answer = answers.get(criterion.pk, Answer.UNKNOWN)
        if answer == Answer.YES:
            continue
        outcome = criterion.guide_if_no if answer == Answer.NO else Verdict.UNCLEAR
        by_outcome.setdefault(outcome, []).append((criterion, answer))
    for verdict in (Verdict.UPPHANDLING, Verdict.FORENINGSBIDRAG, Verdict.UNCLEAR):
        if verdict in by_outcome:
            return GuideResult(verdict=verdict, reasons=by_outcome[verdict])
    return GuideResult(verdict=Verdict.IOP, reasons=[(c, Answer.YES) for c in questions])
