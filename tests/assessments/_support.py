"""Helpers the assessment tests share: criteria sets to use, filled assessments, admin posts."""

from django.contrib.messages import get_messages

from assessments import services
from assessments.models import (
    CriteriaSet,
    Criterion,
    CriterionAssessment,
    Recommendation,
)

Verdict = CriterionAssessment.Verdict
OK, REDIRECT = 200, 302


def make_set(by, name="Testuppsättning", n=3, **criterion_fields) -> CriteriaSet:
    criteria_set = CriteriaSet.objects.create(name=name)
    Criterion.objects.bulk_create(
        Criterion(criteria_set=criteria_set, position=i, text=f"Kriterium nummer {i}.")
        for i in range(1, n + 1)
    )
    criteria_set.criteria.filter(position=1).update(**criterion_fields)
    return services.criteria_set_publish(criteria_set=criteria_set, by=by)


def use_set(town, criteria_set):
    town.sof.criteria_set = criteria_set
    town.sof.save(update_fields=["criteria_set"])


def fill(assessment, by, *, verdict=Verdict.FULFILLED, **fields):
    answers = {
        a.criterion_id: (verdict, "" if verdict == Verdict.FULFILLED else "Motivering.")
        for a in assessment.answers.all()
    }
    fields = {
        "recommendation": Recommendation.IOP,
        "summary": "Förvaltningen föreslår ett partnerskap.",
    } | fields
    return services.assessment_record(assessment=assessment, by=by, answers=answers, **fields)


def admin_data(assessment, verdicts=None, **fields):
    """The POST the assessment's admin page sends, with each answer's verdict and motivation."""
    assessment.refresh_from_db()
    answers = list(assessment.answers.order_by("criterion__position"))
    data = {
        "recommendation": assessment.recommendation,
        "summary": assessment.summary,
        "considerations": assessment.considerations,
        "answers-TOTAL_FORMS": len(answers),
        "answers-INITIAL_FORMS": len(answers),
        "answers-MIN_NUM_FORMS": 0,
        "answers-MAX_NUM_FORMS": 1000,
        "revisions-TOTAL_FORMS": assessment.revisions.count(),
        "revisions-INITIAL_FORMS": assessment.revisions.count(),
        "_continue": "Spara",
    } | fields
    for i, answer in enumerate(answers):
        verdict, motivation = (verdicts or {}).get(i, (answer.verdict, answer.motivation))
        data |= {
            f"answers-{i}-id": answer.pk,
            f"answers-{i}-assessment": assessment.pk,
            f"answers-{i}-verdict": verdict,
            f"answers-{i}-motivation": motivation,
        }
    for i, revision in enumerate(assessment.revisions.all()):
        data |= {f"revisions-{i}-id": revision.pk, f"revisions-{i}-assessment": assessment.pk}
    return data


def texts(response):
    return [str(m) for m in get_messages(response.wsgi_request)]
