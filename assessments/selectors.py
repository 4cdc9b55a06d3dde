"""Reads about assessments that the admin pages and the services share."""

from django.utils.translation import gettext as _

from .models import Assessment, CriterionAssessment, Recommendation

Verdict = CriterionAssessment.Verdict


def assessment_contradictions(*, assessment: Assessment) -> list[str]:
    """Return a warning for each criterion whose verdict contradicts the recommendation.

    Which criteria matter for which recommendation is data on the criterion (required_for,
    rules_out). An unassessed criterion gives no warning: completing asks for every verdict.
    """
    if not assessment.recommendation:
        return []
    recommendation = Recommendation(assessment.recommendation)
    warnings = []
    answers = assessment.answers.select_related("criterion").order_by("criterion__position")
    for answer in answers:
        criterion = answer.criterion
        missing = criterion.required_for == recommendation and answer.verdict in {
            Verdict.NOT_FULFILLED,
            Verdict.UNCLEAR,
        }
        excluded = criterion.rules_out == recommendation and answer.verdict == Verdict.FULFILLED
        if missing or excluded:
            warnings.append(
                _(
                    "Rekommendationen ”%(recommendation)s” går emot kriterium %(n)s "
                    "”%(text)s”, som är bedömt som %(verdict)s."
                )
                % {
                    "recommendation": recommendation.label,
                    "n": criterion.position,
                    "text": criterion.text,
                    "verdict": Verdict(answer.verdict).label.lower(),
                }
            )
    return warnings
