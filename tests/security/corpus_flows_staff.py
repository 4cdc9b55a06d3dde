"""The payload corpus's staff flows: assessment and agreement, as the admin's forms save them."""

from agreements import services as agreement_services
from agreements.models import ClauseKind, Contribution, ReportDate
from assessments import services as assessment_services
from assessments.models import Assessment

from .corpus_flows import FILLER, MOTIVATIONS


def _service_form(form_class, data, **kwargs):
    form = form_class(data, **kwargs)
    assert form.is_valid(), form.errors.as_data()
    return form.cleaned_data


def assess(case, packs, admin_forms, *, town):
    """The assessment as the admin's change form would save it, approved and completed."""
    k = case.k
    assessment = Assessment.objects.get(initiative=case.initiative)
    fields = _service_form(
        admin_forms["Assessment"],
        {
            "recommendation": "iop",
            "summary": packs.value("Assessment.summary", k),
            "considerations": packs.value("Assessment.considerations", k),
        },
        instance=assessment,
    )
    answers = {}
    for n, answer in enumerate(assessment.answers.order_by("criterion__position")):
        cleaned = _service_form(
            admin_forms["CriterionAssessment"],
            {
                "verdict": "fulfilled",
                "motivation": packs.value("CriterionAssessment.motivation", k * MOTIVATIONS + n)
                if n < MOTIVATIONS
                else FILLER,
            },
            instance=answer,
        )
        answers[answer.criterion_id] = (cleaned["verdict"], cleaned["motivation"])
    assessment_services.assessment_record(
        assessment=assessment,
        by=town.handlaggare,
        answers=answers,
        **{name: fields[name] for name in ("recommendation", "summary", "considerations")},
    )
    assessment_services.assessment_approve(assessment=assessment, by=town.colleague)
    assessment_services.assessment_complete(assessment=assessment, by=town.handlaggare)


def draft_agreement(case, packs, admin_forms, *, town, numbers):
    """The agreement edited as the admin's change form and inlines would save it."""
    k = case.k
    agreement = case.agreement
    fields = _service_form(
        admin_forms["Agreement"],
        {
            "term_start": "2025-01-01",
            "term_end": "2025-12-31",
            "publishable": "on",
            **{
                name: packs.value(f"Agreement.{name}", k)
                for name in (
                    "municipality_signatory",
                    "municipality_signatory_title",
                    "organisation_signatory",
                    "organisation_signatory_title",
                    "public_summary",
                )
            },
        },
        instance=agreement,
    )
    clause = agreement.clauses.get(kind=ClauseKind.TERMINATION)
    clause_data = _service_form(
        admin_forms["AgreementClause"],
        {
            "heading": packs.value("AgreementClause.heading", k),
            "text": packs.value("AgreementClause.text", k),
        },
        instance=clause,
    )
    hours = numbers["in_kind_hours"][k % len(numbers["in_kind_hours"])]
    value = numbers["in_kind_value_sek"][k % len(numbers["in_kind_value_sek"])]
    case.numbers |= {"in_kind_hours": hours[::2], "in_kind_value_sek": value[::2]}
    contribution = _service_form(
        admin_forms["Contribution"],
        {
            "year": "2025",
            "party": "organisation",
            "amount_sek": "0",
            "in_kind_type": "volunteer_hours",
            "in_kind_description": packs.value("Contribution.in_kind_description", k),
            "in_kind_hours": hours[1],
            "in_kind_value_sek": value[1],
        },
        instance=Contribution(agreement=agreement),
    )
    report = _service_form(
        admin_forms["ReportDate"],
        {"due_date": "2025-06-30", "description": packs.value("ReportDate.description", k)},
        instance=ReportDate(agreement=agreement),
    )
    from agreements import drafting

    rows = [
        {name: getattr(c, name) for name in drafting.CONTRIBUTION_FIELDS} | {"id": c.pk}
        for c in agreement.contributions.all()
    ]
    agreement_services.agreement_update(
        agreement=agreement,
        by=town.handlaggare,
        fields={name: fields[name] for name in agreement_services.AGREEMENT_FIELDS},
        clause_texts={clause.pk: clause_data},
        contributions=[
            *rows,
            {name: contribution.get(name) for name in drafting.CONTRIBUTION_FIELDS},
        ],
        report_dates=[
            *(
                {"id": r.pk, "due_date": r.due_date, "description": r.description}
                for r in agreement.report_dates.all()
                if r.due_date != report["due_date"]
            ),
            {"due_date": report["due_date"], "description": report["description"]},
        ],
    )
    agreement_services.agreement_publication_set(
        agreement=agreement,
        publishable=True,
        public_summary=fields["public_summary"],
        by=town.handlaggare,
    )
