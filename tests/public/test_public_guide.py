"""The public IOP guide: questions from the criteria data, where the answers point, query counts."""

import pytest
from django.urls import reverse

from assessments.models import CriteriaSet, Criterion, GuideOutcome

from ._support import guide_post, questions

pytestmark = pytest.mark.django_db


# --- The guide -----------------------------------------------------------------------------------


def test_the_seeded_criteria_carry_guide_questions(town):
    assert len(questions(town.sof)) == 6  # Stockholm
    assert len(questions(town.amf)) == 8  # Linköping
    market = Criterion.objects.get(criteria_set=town.sof.criteria_set, position=4)
    assert "marknad" in market.guide_question
    assert market.guide_if_no == GuideOutcome.UPPHANDLING
    general = Criterion.objects.get(criteria_set=town.sof.criteria_set, position=3)
    assert general.guide_if_no == GuideOutcome.FORENINGSBIDRAG


def test_the_guide_asks_the_chosen_forvaltnings_criteria(client, town):
    response = client.get(reverse("public:guide"))
    page = response.content.decode()
    assert "Socialförvaltningen" in page and "Arbetsmarknadsförvaltningen" in page
    assert "Steg 2 av 2" not in page

    for forvaltning in (town.sof, town.amf):
        page = client.get(reverse("public:guide"), {"forvaltning": forvaltning.pk}).content.decode()
        for criterion in questions(forvaltning):
            assert f'name="q{criterion.pk}"' in page
            assert criterion.guide_question in page
    assert "lokal utveckling" in page  # Linköping's extra criterion, asked at amf only


def test_the_questions_are_the_criteria_data_not_code(client, town):
    criterion = Criterion.objects.get(criteria_set=town.sof.criteria_set, position=1)
    criterion.guide_question = "Är detta en ändrad fråga?"
    criterion.save()
    page = client.get(reverse("public:guide"), {"forvaltning": town.sof.pk}).content.decode()
    assert "Är detta en ändrad fråga?" in page


def test_all_yes_points_to_iop_and_carries_the_answers(client, town):
    response = guide_post(
        client,
        town.sof,
        challenge="Barn saknar läxhjälp.",
        own_contribution="Ideella läxhjälpare.",
        activity="",
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("public:guide_result")
    assert client.session["iop_guide_answers"] == {
        "forvaltning": town.sof.pk,
        "challenge": "Barn saknar läxhjälp.",
        "own_contribution": "Ideella läxhjälpare.",
    }
    page = client.get(reverse("public:guide_result")).content.decode()
    assert "IOP är värt att utforska" in page
    assert "Christina Grönberg" in page and "christina@kommun.example" in page
    assert reverse("initiatives:create") in page


@pytest.mark.parametrize(
    ("overrides", "heading"),
    [
        ({4: "no"}, "Upphandling är troligen rätt väg"),
        ({5: "no"}, "Upphandling är troligen rätt väg"),
        ({3: "no"}, "Föreningsbidrag är troligen rätt väg"),
        ({3: "no", 4: "no"}, "Upphandling är troligen rätt väg"),
        ({2: "no"}, "Det går inte att säga ännu"),
        ({1: "unknown"}, "Det går inte att säga ännu"),
    ],
)
def test_a_no_points_where_its_criterion_says_with_the_reason(client, town, overrides, heading):
    guide_post(client, town.sof, overrides)
    page = client.get(reverse("public:guide_result")).content.decode()
    assert heading in page
    reason = Criterion.objects.get(criteria_set=town.sof.criteria_set, position=max(overrides))
    assert reason.guide_question in page
    assert reason.guide_help in page
    assert "IOP är värt att utforska" not in page
    # The way on goes through the förvaltning's sakkunnig whatever the answer.
    assert "christina@kommun.example" in page


def test_an_unanswered_question_is_refused_in_swedish_and_nothing_is_lost(client, town):
    first = questions(town.sof)[0]
    data = {"forvaltning": town.sof.pk, "challenge": "Barn saknar läxhjälp."}
    data |= {f"q{c.pk}": "yes" for c in questions(town.sof)[1:]}
    response = client.post(reverse("public:guide"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Välj ja, nej eller vet inte." in page
    assert f'href="#id_q{first.pk}_0"' in page  # the summary links to the first radio
    assert "Barn saknar läxhjälp." in page
    assert page.count("checked") == len(questions(town.sof)) - 1
    assert "iop_guide_answers" not in client.session


def test_the_result_without_answers_sends_back_to_the_guide(client, town):
    response = client.get(reverse("public:guide_result"))
    assert response.status_code == 302 and response["Location"] == reverse("public:guide")


def test_guide_pages_run_a_fixed_number_of_queries(client, town, django_assert_num_queries):
    with django_assert_num_queries(2):
        client.get(reverse("public:guide"), {"forvaltning": town.amf.pk})
    guide_post(client, town.amf)
    # Session, förvaltningar with their criteria set, the questions, and the carried
    # förvaltning checked as the draft will check it (what is carried is what is shown).
    with django_assert_num_queries(4):
        client.get(reverse("public:guide_result"))


def test_the_guide_offers_only_published_criteria_sets(client, town):
    draft = CriteriaSet.objects.create(name="Utkast till kriterier", version=1, published=False)
    Criterion.objects.create(
        criteria_set=draft, position=1, text="Ett kriterium", guide_question="Opublicerad fråga?"
    )
    town.amf.criteria_set = draft
    town.amf.save()
    page = client.get(reverse("public:guide")).content.decode()
    assert "Socialförvaltningen" in page and "Arbetsmarknadsförvaltningen" not in page
    response = client.get(reverse("public:guide"), {"forvaltning": town.amf.pk})
    assert "Opublicerad fråga?" not in response.content.decode()
