"""Assessment rules through their services and the admin: versioned criteria sets, warnings
when the recommendation goes against the criteria, and four-eyes approval with revisions."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from assessments import selectors, services
from assessments.models import (
    Assessment,
    CriteriaSet,
    Criterion,
    CriterionAssessment,
    Recommendation,
)
from initiatives import attachment_services
from initiatives.models import Status

from ..factories import criteria_sets_ensure
from ..files import pdf_bytes, upload

pytestmark = pytest.mark.django_db

Verdict = CriterionAssessment.Verdict
CITY_SET = "Forums kriterier och stadens kontroller (riktlinjer 2018)"
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


# --- Seeds -------------------------------------------------------------------------------------


def test_seeded_sets_mark_what_each_criterion_requires():
    criteria_sets_ensure()  # a transactional test run before may have flushed them
    stockholm = CriteriaSet.objects.get(name__startswith="Forums kriterier (Stockholm", version=1)
    linkoping = CriteriaSet.objects.get(name__startswith="Forums kriterier (Linköping", version=1)
    assert stockholm.criteria.count() == 6 and linkoping.criteria.count() == 8
    for criteria_set in (stockholm, linkoping):
        assert set(criteria_set.criteria.values_list("required_for", flat=True)) == {"iop"}
        ruled_out = dict(
            criteria_set.criteria.exclude(rules_out="").values_list("rules_out", "text")
        )
        assert "marknad" in ruled_out[Recommendation.UPPHANDLING]
        assert "föreningsbidrag" in ruled_out[Recommendation.FORENINGSBIDRAG]


def test_city_set_holds_forum_criteria_then_the_city_checks():
    criteria_sets_ensure()
    city = CriteriaSet.objects.get(name=CITY_SET, version=1)
    assert city.published
    criteria = list(city.criteria.order_by("position"))
    assert [c.section for c in criteria] == ["Forums kriterier"] * 6 + ["Stadens kontroller"] * 6
    checks = " ".join(c.text for c in criteria[6:])
    for words in (
        "kommunal kompetens",
        "LOU",
        "statsstöd",
        "demokratisk värdegrund",
        "jämställdhetsarbete",
        "årsredovisning",
        "Roller och ansvar",
        "jämbördiga resurser",
    ):
        assert words in checks
    assert all(c.required_for == Recommendation.IOP for c in criteria)


# --- Criteria sets ------------------------------------------------------------------------------


def test_published_set_and_its_criteria_refuse_changes(town):
    criteria_set = make_set(town.superuser)
    criteria_set.name = "Ändrat namn"
    with pytest.raises(ValidationError, match="publicerad och kan inte ändras"):
        criteria_set.full_clean()
    criterion = criteria_set.criteria.first()
    criterion.text = "Ändrad text"
    with pytest.raises(ValidationError, match="publicerad och kan inte ändras"):
        criterion.full_clean()
    with pytest.raises(ValidationError, match="redan publicerad"):
        services.criteria_set_publish(criteria_set=criteria_set, by=town.superuser)


def test_empty_set_cannot_be_published(town):
    criteria_set = CriteriaSet.objects.create(name="Tom")
    with pytest.raises(ValidationError, match="utan kriterier"):
        services.criteria_set_publish(criteria_set=criteria_set, by=town.superuser)
    criteria_set.refresh_from_db()
    assert not criteria_set.published


def test_new_version_copies_the_set_and_every_criterion_field(town):
    original = make_set(
        town.superuser, n=4, guidance="Läs stadgarna.", section="Avsnitt", rules_out="upphandling"
    )
    copy = services.criteria_set_new_version(criteria_set=original, by=town.superuser)
    assert (copy.name, copy.version, copy.published) == (original.name, 2, False)
    assert copy.source == original.source
    fields = [
        f.attname for f in Criterion._meta.concrete_fields if f.name not in {"id", "criteria_set"}
    ]
    rows = lambda s: list(s.criteria.order_by("position").values_list(*fields))  # noqa: E731
    assert rows(copy) == rows(original)
    assert rows(copy)[0][fields.index("guidance")] == "Läs stadgarna."
    # The copy is a draft: editable, and the original is untouched.
    criterion = copy.criteria.first()
    criterion.text = "Ny lydelse."
    criterion.full_clean()
    criterion.save()
    assert original.criteria.get(position=1).text == "Kriterium nummer 1."
    # A new version from an old one still gets the next free number.
    assert services.criteria_set_new_version(criteria_set=original, by=town.superuser).version == 3


def test_assessment_keeps_the_version_it_used(town):
    case = town.in_assessment()
    old = case.assessment.criteria_set
    new = services.criteria_set_new_version(criteria_set=old, by=town.superuser)
    Criterion.objects.create(criteria_set=new, position=7, text="Ett sjunde kriterium.")
    services.criteria_set_publish(criteria_set=new, by=town.superuser)
    use_set(town, new)
    later = town.in_assessment()
    case.assessment.refresh_from_db()
    assert case.assessment.criteria_set == old
    assert case.assessment.answers.count() == 6
    assert later.assessment.criteria_set == new
    assert later.assessment.answers.count() == 7


def test_unpublished_set_cannot_be_used(town):
    use_set(town, CriteriaSet.objects.create(name="Utkast"))
    case = town.submitted()
    with pytest.raises(ValidationError, match="inte publicerad"):
        services.assessment_start(initiative=case, by=town.handlaggare)
    case.refresh_from_db()
    assert case.status == Status.SUBMITTED


def test_admin_refuses_to_edit_a_published_set_and_makes_a_new_version(client, town):
    criteria_set = make_set(town.superuser)
    client.force_login(town.superuser)
    url = reverse("admin:assessments_criteriaset_change", args=[criteria_set.pk])
    page = client.get(url)
    assert page.status_code == OK
    assert "Gör en ny version" in page.content.decode()
    assert 'name="name"' not in page.content.decode()  # shown read-only
    response = client.post(
        url,
        {
            "name": "Ändrat",
            "source": "x",
            "criteria-TOTAL_FORMS": 0,
            "criteria-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == OK
    assert "publicerad och kan inte ändras" in response.content.decode()
    criteria_set.refresh_from_db()
    assert criteria_set.name == "Testuppsättning"
    assert criteria_set.criteria.count() == 3

    response = client.post(
        reverse("admin:assessments_criteriaset_new_version", args=[criteria_set.pk])
    )
    copy = CriteriaSet.objects.get(name="Testuppsättning", version=2)
    assert response.status_code == REDIRECT
    assert response["Location"] == reverse("admin:assessments_criteriaset_change", args=[copy.pk])
    assert copy.criteria.count() == 3 and not copy.published
    page = client.get(response["Location"]).content.decode()
    assert 'name="name"' in page and "Publicera" in page


def test_handlaggare_cannot_make_or_publish_versions(client, town):
    from django.core.exceptions import PermissionDenied

    criteria_set = make_set(town.superuser)
    with pytest.raises(PermissionDenied):
        services.criteria_set_new_version(criteria_set=criteria_set, by=town.handlaggare)
    draft = CriteriaSet.objects.create(name="Utkast")
    Criterion.objects.create(criteria_set=draft, position=1, text="Ett kriterium.")
    with pytest.raises(PermissionDenied):
        services.criteria_set_publish(criteria_set=draft, by=town.handlaggare)
    client.force_login(town.handlaggare)
    client.post(reverse("admin:assessments_criteriaset_new_version", args=[criteria_set.pk]))
    assert not CriteriaSet.objects.filter(name="Testuppsättning", version=2).exists()


# --- Warnings when the recommendation goes against the criteria ---------------------------------


def test_iop_against_an_unfulfilled_required_criterion_warns_but_saves(town):
    case = town.in_assessment()
    assessment = case.assessment
    market = assessment.answers.get(criterion__text__contains="marknad")
    fill(assessment, town.handlaggare)
    saved = services.assessment_record(
        assessment=assessment,
        by=town.handlaggare,
        answers={market.criterion_id: (Verdict.NOT_FULFILLED, "Det finns flera leverantörer.")},
    )
    assert len(saved.warnings) == 1
    assert "går emot kriterium 4" in saved.warnings[0]
    assert "inte uppfyllt" in saved.warnings[0]
    market.refresh_from_db()
    assert market.verdict == Verdict.NOT_FULFILLED
    assert saved.assessment.recommendation == Recommendation.IOP


def test_warnings_follow_the_criterion_data_not_its_text(town):
    use_set(town, make_set(town.superuser, n=2, required_for=Recommendation.UPPHANDLING))
    assessment = town.in_assessment().assessment
    saved = fill(assessment, town.handlaggare, verdict=Verdict.UNCLEAR)
    assert saved.warnings == []  # nothing required for IOP in this set
    saved = fill(
        assessment, town.handlaggare, verdict=Verdict.UNCLEAR, recommendation="upphandling"
    )
    assert len(saved.warnings) == 1 and "kriterium 1" in saved.warnings[0]


def test_procurement_against_a_fulfilled_no_market_criterion_warns(town):
    assessment = town.in_assessment().assessment
    saved = fill(assessment, town.handlaggare, recommendation=Recommendation.UPPHANDLING)
    assert len(saved.warnings) == 1 and "marknad" in saved.warnings[0]
    assert fill(assessment, town.handlaggare).warnings == []


def test_admin_shows_the_warning_after_saving_and_on_the_page(client, town):
    assessment = town.in_assessment().assessment
    fill(assessment, town.handlaggare)
    market = 3  # index of "Det finns inte en marknad" in Stockholm's six
    client.force_login(town.handlaggare)
    url = reverse("admin:assessments_assessment_change", args=[assessment.pk])
    response = client.post(
        url, admin_data(assessment, {market: ("not_fulfilled", "Flera leverantörer finns.")})
    )
    assert response.status_code == REDIRECT
    market_answer = assessment.answers.get(criterion__position=4)
    assert market_answer.verdict == "not_fulfilled", market_answer.criterion
    assert any("går emot kriterium 4" in m for m in texts(response)), texts(response)
    page = client.get(url).content.decode()
    assert 'id="assessment-warnings"' in page
    assert "går emot kriterium 4" in page


# --- Four eyes and revisions --------------------------------------------------------------------


def test_the_person_who_saved_last_cannot_approve(town):
    assessment = town.in_assessment().assessment
    fill(assessment, town.handlaggare)
    with pytest.raises(ValidationError, match="Du sparade bedömningen senast"):
        services.assessment_approve(assessment=assessment, by=town.handlaggare)
    assessment.refresh_from_db()
    assert assessment.approved_at is None
    assert assessment.summary == "Förvaltningen föreslår ett partnerskap."
    # A colleague's later save makes the colleague the one who may not approve.
    fill(assessment, town.colleague, summary="Kollegans sammanfattning.")
    with pytest.raises(ValidationError, match="Du sparade bedömningen senast"):
        services.assessment_approve(assessment=assessment, by=town.colleague)
    services.assessment_approve(assessment=assessment, by=town.handlaggare)


def test_four_eyes_is_a_database_constraint(town):
    assessment = town.in_assessment().assessment
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.filter(pk=assessment.pk).update(approved_by=town.handlaggare)


def test_staff_of_another_forvaltning_cannot_approve(town):
    from django.core.exceptions import PermissionDenied

    assessment = town.in_assessment().assessment
    fill(assessment, town.handlaggare)
    with pytest.raises(PermissionDenied):
        services.assessment_approve(assessment=assessment, by=town.handlaggare_amf)


def test_approved_assessment_is_read_only_until_a_new_revision(town):
    assessment = town.in_assessment().assessment
    fill(assessment, town.handlaggare)
    services.assessment_approve(assessment=assessment, by=town.colleague)
    with pytest.raises(ValidationError, match="Revision 1 är godkänd och kan inte ändras"):
        services.assessment_record(assessment=assessment, by=town.handlaggare, summary="Ny")
    assessment.refresh_from_db()
    assert assessment.summary == "Förvaltningen föreslår ett partnerskap."

    assessment = services.assessment_revise(assessment=assessment, by=town.handlaggare)
    assert (assessment.revision, assessment.approved_at) == (2, None)
    fill(assessment, town.handlaggare, summary="Andra revisionen.", recommendation="decline")
    services.assessment_approve(assessment=assessment, by=town.colleague)

    first, second = assessment.revisions.order_by("revision")
    assert (first.revision, first.summary, first.recommendation) == (
        1,
        "Förvaltningen föreslår ett partnerskap.",
        "iop",
    )
    assert (second.revision, second.summary) == (2, "Andra revisionen.")
    assert first.saved_by == town.handlaggare and first.approved_by == town.colleague
    assert len(first.answers) == 6 and first.answers[0]["verdict"] == "fulfilled"


def test_revise_needs_an_approved_open_assessment(town):
    assessment = town.in_assessment().assessment
    with pytest.raises(ValidationError, match="inte godkänd"):
        services.assessment_revise(assessment=assessment, by=town.handlaggare)
    case = town.assessed()
    with pytest.raises(ValidationError, match="avslutad"):
        services.assessment_revise(assessment=case.assessment, by=town.handlaggare)


def test_completing_needs_the_approval(town):
    assessment = town.in_assessment().assessment
    fill(assessment, town.handlaggare)
    with pytest.raises(ValidationError, match="måste godkännas av en annan medarbetare"):
        services.assessment_complete(assessment=assessment, by=town.handlaggare)
    services.assessment_approve(assessment=assessment, by=town.colleague)
    services.assessment_complete(assessment=assessment, by=town.handlaggare)
    assessment.initiative.refresh_from_db()
    assert assessment.initiative.status == Status.AGREEMENT


def test_admin_refuses_self_approval_with_a_message(client, town):
    assessment = town.in_assessment().assessment
    fill(assessment, town.handlaggare)
    client.force_login(town.handlaggare)
    response = client.post(reverse("admin:assessments_assessment_approve", args=[assessment.pk]))
    assert any("Du sparade bedömningen senast" in m for m in texts(response))
    assessment.refresh_from_db()
    assert assessment.approved_at is None


def test_admin_refuses_edits_to_an_approved_assessment(client, town):
    assessment = town.in_assessment().assessment
    fill(assessment, town.handlaggare)
    client.force_login(town.handlaggare)
    url = reverse("admin:assessments_assessment_change", args=[assessment.pk])
    stale = admin_data(assessment, summary="Ändrad på en gammal sida")
    services.assessment_approve(assessment=assessment, by=town.colleague)
    response = client.post(url, stale)
    assert response.status_code == OK
    assert "Revision 1 är godkänd eller avslutad och kan inte ändras" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.summary == "Förvaltningen föreslår ett partnerskap."


def test_admin_approve_revise_and_show_both_revisions(client, town):
    assessment = town.in_assessment().assessment
    fill(assessment, town.handlaggare)
    url = reverse("admin:assessments_assessment_change", args=[assessment.pk])
    client.force_login(town.colleague)
    response = client.post(reverse("admin:assessments_assessment_approve", args=[assessment.pk]))
    assert any("Revision 1 är godkänd" in m for m in texts(response))
    client.force_login(town.handlaggare)
    page = client.get(url).content.decode()
    assert "Ny revision" in page and "Avsluta bedömningen" in page
    assert 'name="summary"' not in page  # read-only once approved
    client.post(reverse("admin:assessments_assessment_revise", args=[assessment.pk]))
    assessment.refresh_from_db()
    response = client.post(url, admin_data(assessment, summary="Revision två."))
    assert response.status_code == REDIRECT
    client.force_login(town.colleague)
    client.post(reverse("admin:assessments_assessment_approve", args=[assessment.pk]))
    page = client.get(url).content.decode()
    assert "Godkända revisioner" in page
    assert "Revision två." in page and page.count("Förvaltningen föreslår ett partnerskap.") >= 1
    assert assessment.revisions.count() == 2


# --- Attachments supporting a verdict -----------------------------------------------------------


def attach(case, by, name="arsredovisning.pdf"):
    return attachment_services.attachment_add(
        initiative=case, uploaded_file=upload(name, pdf_bytes(name)), by=by
    )


def test_verdict_links_the_case_attachments_that_support_it(town):
    case = town.in_assessment()
    report = attach(case, town.member, "arsredovisning.pdf")
    statutes = attach(case, town.handlaggare, "stadgar.pdf")
    assessment = case.assessment
    first = assessment.answers.get(criterion__position=1)
    services.assessment_record(
        assessment=assessment,
        by=town.handlaggare,
        attachments={first.criterion_id: [report.pk, statutes.pk]},
    )
    assert set(first.attachments.all()) == {report, statutes}
    # Unlinking one keeps the other; other criteria are untouched.
    services.assessment_record(
        assessment=assessment, by=town.handlaggare, attachments={first.criterion_id: [report.pk]}
    )
    assert list(first.attachments.all()) == [report]
    fill(assessment, town.handlaggare)
    services.assessment_approve(assessment=assessment, by=town.colleague)
    snapshot = assessment.revisions.get().answers[0]
    assert snapshot["attachments"] == [{"id": report.pk, "name": "arsredovisning.pdf"}]


def test_attachment_of_another_case_is_refused_and_nothing_is_saved(town):
    case = town.in_assessment()
    other = town.in_assessment(title="Ett annat ärende")
    foreign = attach(other, town.member, "annan.pdf")
    assessment = case.assessment
    first = assessment.answers.get(criterion__position=1)
    with pytest.raises(ValidationError) as error:
        services.assessment_record(
            assessment=assessment,
            by=town.handlaggare,
            answers={first.criterion_id: (Verdict.FULFILLED, "")},
            attachments={first.criterion_id: [foreign.pk]},
            summary="Sparas inte.",
        )
    message = " ".join(error.value.messages)
    assert "hör inte till det här ärendet" in message and "kriterium 1" in message
    assert "annan.pdf" not in message
    first.refresh_from_db()
    assessment.refresh_from_db()
    assert (first.verdict, assessment.summary) == ("", "")
    assert not first.attachments.exists()


def test_admin_offers_only_the_case_attachments(client, town):
    case = town.in_assessment()
    own = attach(case, town.member, "egen.pdf")
    other = town.in_assessment(title="Ett annat ärende")
    foreign = attach(other, town.member, "annan.pdf")
    assessment = case.assessment
    fill(assessment, town.handlaggare)
    client.force_login(town.handlaggare)
    url = reverse("admin:assessments_assessment_change", args=[assessment.pk])
    page = client.get(url).content.decode()
    assert "egen.pdf" in page and "annan.pdf" not in page
    response = client.post(url, admin_data(assessment) | {"answers-0-attachments": [own.pk]})
    assert response.status_code == REDIRECT
    assert list(assessment.answers.get(criterion__position=1).attachments.all()) == [own]
    response = client.post(url, admin_data(assessment) | {"answers-0-attachments": [foreign.pk]})
    assert response.status_code == OK  # the form shows the error; nothing is saved
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert list(assessment.answers.get(criterion__position=1).attachments.all()) == [own]


# --- Query budget -------------------------------------------------------------------------------

# Session, user, the assessment with its relations, the answers with their criteria, their linked
# attachments, the case's attachments (editable) or nothing more (read-only), the approved
# revisions, the warnings, and the admin's permission checks: none of them per criterion.
BUDGET = {"editable": 12, "approved": 12}


@pytest.mark.parametrize("state", ["editable", "approved"])
@pytest.mark.parametrize("n", [1, 50])
def test_assessment_admin_page_query_budget(client, town, n, state, django_assert_num_queries):
    use_set(town, make_set(town.superuser, n=n))
    case = town.in_assessment()
    files = [attach(case, town.member, f"bilaga{i}.pdf") for i in range(3)]
    assessment = case.assessment
    fill(assessment, town.handlaggare)
    services.assessment_record(
        assessment=assessment,
        by=town.handlaggare,
        attachments={a.criterion_id: [f.pk for f in files] for a in assessment.answers.all()},
    )
    services.assessment_approve(assessment=assessment, by=town.colleague)
    if state == "editable":
        services.assessment_revise(assessment=assessment, by=town.handlaggare)
    client.force_login(town.handlaggare)
    url = reverse("admin:assessments_assessment_change", args=[assessment.pk])
    client.get(url)  # warm per-process caches (content types, permissions)
    with django_assert_num_queries(BUDGET[state]):
        response = client.get(url)
    assert response.status_code == OK
    page = response.content.decode()
    if state == "editable":
        assert page.count('name="answers-') >= n
        assert page.count('name="answers-0-attachments"') == 3  # a checkbox per case attachment
    else:
        assert page.count("bilaga0.pdf, bilaga1.pdf, bilaga2.pdf") >= n  # read-only, per row


def test_selector_query_budget(town, django_assert_num_queries):
    assessment = town.in_assessment().assessment
    fill(assessment, town.handlaggare, verdict=Verdict.UNCLEAR)
    assessment.refresh_from_db()
    with django_assert_num_queries(1):
        warnings = selectors.assessment_contradictions(assessment=assessment)
    assert len(warnings) == 6


def test_admin_edits_a_draft_set_then_publishes_it(client, town):
    draft = services.criteria_set_new_version(
        criteria_set=CriteriaSet.objects.get(name=CITY_SET), by=town.superuser
    )
    client.force_login(town.superuser)
    url = reverse("admin:assessments_criteriaset_change", args=[draft.pk])
    criteria = list(draft.criteria.order_by("position"))
    data = {
        "name": draft.name,
        "source": draft.source,
        "criteria-TOTAL_FORMS": len(criteria) + 1,
        "criteria-INITIAL_FORMS": len(criteria),
        "_continue": "Spara",
    }
    for i, c in enumerate(criteria + [None]):
        values = {
            "id": c.pk if c else "",
            "criteria_set": draft.pk,
            "position": c.position if c else 13,
            "text": c.text if c else "Verksamheten är tänkt att pågå under lång tid.",
            "guidance": c.guidance if c else "",
            "section": c.section if c else "Forums kriterier",
            "required_for": c.required_for if c else "",
            "rules_out": c.rules_out if c else "",
            "guide_question": c.guide_question if c else "",
            "guide_help": c.guide_help if c else "",
            "guide_if_no": c.guide_if_no if c else "unclear",
        }
        data |= {f"criteria-{i}-{k}": v for k, v in values.items()}
    response = client.post(url, data)
    assert response.status_code == REDIRECT, response.content.decode()[:3000]
    assert draft.criteria.count() == 13
    added = draft.criteria.get(position=13)
    assert added.required_for == ""  # advisory: no warning for any recommendation
    response = client.post(reverse("admin:assessments_criteriaset_publish", args=[draft.pk]))
    assert any("publicerad" in m for m in texts(response))
    draft.refresh_from_db()
    assert draft.published
    # The earlier version is untouched and still what earlier assessments point to.
    assert CriteriaSet.objects.get(name=CITY_SET, version=1).criteria.count() == 12
