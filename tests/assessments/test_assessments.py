"""Assessment rules through their services and the admin: versioned criteria sets, and warnings
when the recommendation goes against the criteria; four-eyes approval sits beside it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from assessments import selectors, services
from assessments.models import (
    CriteriaSet,
    Criterion,
    Recommendation,
)
from initiatives.models import Status

from ..factories import criteria_sets_ensure
from ._support import OK, REDIRECT, Verdict, admin_data, fill, make_set, texts, use_set

pytestmark = pytest.mark.django_db

CITY_SET = "Forums kriterier och stadens kontroller (riktlinjer 2018)"


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
