"""The evaluation: it waits for the final report, judges each goal, and renews, changes or ends."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from agreements.models import AgreementGoal, Contribution, Party, ReportDate
from initiatives.models import Status
from term import evaluation_services, services
from term.models import Evaluation, EvaluationGoal

pytestmark = pytest.mark.django_db

AFTER_TERM = datetime.date(2028, 1, 10)
GOALS = [
    {"goal": "Fler elever klarar skolan", "indicator": "Andel godkända", "target": "80 %"},
    {"goal": "Fler läxhjälpare", "indicator": "Antal ideella", "target": "30"},
]
ANSWERS = {
    "goal_fulfilment": "Målen nåddes till stor del.",
    "what_worked": "Volontärerna och skolans lokaler.",
    "what_did_not_work": "Rekryteringen under hösten.",
    "knowledge_gained": "En metod för att matcha läxhjälpare och elever.",
    "knowledge_sharing": "Metoden presenteras på stadens IOP-nätverk.",
}


@pytest.fixture
def case(town):
    return town.active(goals=GOALS)


def _final_report(case, town):
    final = ReportDate.objects.filter(agreement__initiative=case).latest("due_date")
    lines = Contribution.objects.filter(agreement__initiative=case, party=Party.MUNICIPALITY)
    return services.report_submit(
        report_date=final,
        by=town.member,
        activities_done="Läxhjälp hela året.",
        participants_reached=60,
        money_used={c.pk: 1000 for c in lines},
        goal_answers={
            g.pk: {"outcome_value": "75 %", "outcome_text": "Nästan."}
            for g in AgreementGoal.objects.filter(agreement__initiative=case)
        },
    )


def _judgements(case, judgement=EvaluationGoal.Judgement.MET):
    return {
        g.pk: {"judgement": judgement, "comment": "Enligt slutrapporten."}
        for g in AgreementGoal.objects.filter(agreement__initiative=case)
    }


def _evaluate(case, town, **extra):
    data = ANSWERS | {"outcome": Evaluation.Outcome.END, "goals": _judgements(case)} | extra
    return evaluation_services.evaluation_record(
        initiative=case, by=town.handlaggare, today=AFTER_TERM, **data
    )


def test_evaluation_waits_for_the_final_report(case, town):
    with pytest.raises(ValidationError) as error:
        _evaluate(case, town)
    assert (
        "Slutrapporten har inte kommit in" in error.value.message_dict["no_final_report_reason"][0]
    )
    case.refresh_from_db()
    assert case.status == Status.ACTIVE
    assert not Evaluation.objects.exists()


def test_a_recorded_reason_stands_in_for_the_missing_final_report(case, town):
    evaluation = _evaluate(case, town, no_final_report_reason="Föreningen lades ner i december.")
    assert evaluation.no_final_report_reason.startswith("Föreningen")
    case.refresh_from_db()
    assert case.status == Status.CLOSED


def test_evaluation_judges_each_goal_and_records_what_was_learnt(case, town):
    _final_report(case, town)
    judgements = _judgements(case)
    first = min(judgements)
    judgements[first]["judgement"] = EvaluationGoal.Judgement.PARTLY
    evaluation = _evaluate(case, town, goals=judgements)
    rows = list(evaluation.goals.select_related("goal"))
    assert [r.get_judgement_display() for r in rows] == ["Delvis uppnått", "Uppnått"]
    assert rows[0].goal.goal == GOALS[0]["goal"]
    assert evaluation.what_worked.startswith("Volontärerna")
    assert evaluation.what_did_not_work.startswith("Rekryteringen")
    assert evaluation.knowledge_sharing.startswith("Metoden")
    assert not case.renewed_by.exists()


def test_every_goal_must_be_judged(case, town):
    _final_report(case, town)
    judgements = _judgements(case)
    missing = max(judgements)
    del judgements[missing]
    with pytest.raises(ValidationError) as error:
        _evaluate(case, town, goals=judgements)
    assert f"goal_{missing}" in error.value.message_dict
    assert "Bedöm målet" in error.value.message_dict[f"goal_{missing}"][0]


def test_evaluation_waits_for_the_term_to_end(case, town):
    _final_report(case, town)
    with pytest.raises(ValidationError, match="2027-12-31"):
        evaluation_services.evaluation_record(
            initiative=case,
            by=town.handlaggare,
            today=datetime.date(2027, 6, 1),
            outcome=Evaluation.Outcome.END,
            goals=_judgements(case),
            **ANSWERS,
        )


def test_evaluation_needs_the_text_fields(case, town):
    _final_report(case, town)
    with pytest.raises(ValidationError) as error:
        _evaluate(case, town, what_worked="", outcome="")
    assert {"what_worked", "outcome"} <= set(error.value.message_dict)


def test_only_the_case_handler_evaluates_and_only_once(case, town):
    _final_report(case, town)
    with pytest.raises(PermissionDenied):
        evaluation_services.evaluation_record(
            initiative=case,
            by=town.handlaggare_amf,
            today=AFTER_TERM,
            outcome=Evaluation.Outcome.END,
            **ANSWERS,
        )
    _evaluate(case, town)
    with pytest.raises(ValidationError, match="Bara ett pågående partnerskap"):
        _evaluate(case, town)


@pytest.mark.parametrize("outcome", [Evaluation.Outcome.RENEW, Evaluation.Outcome.CHANGE])
def test_renew_or_change_opens_the_next_term(case, town, outcome):
    _final_report(case, town)
    _evaluate(case, town, outcome=outcome)
    renewal = case.renewed_by.get()
    assert renewal.status == Status.ASSESSMENT
    assert renewal.renews == case
    assert renewal.diarienummer and renewal.diarienummer != case.diarienummer


def test_the_organisation_keeps_its_case_after_it_closes(case, town, client):
    from django.urls import reverse

    _final_report(case, town)
    _evaluate(case, town, outcome=Evaluation.Outcome.RENEW)
    renewal = case.renewed_by.get()
    client.force_login(town.member)
    page = client.get(case.get_absolute_url()).content.decode()
    assert reverse("agreements:draft", args=[case.pk]) in page
    assert "Socialnämndens beslut 2026-11-02, § 1" in page
    assert reverse("initiatives:messages", args=[case.pk]) in page
    assert (
        reverse("term:report", args=[case.pk, case.agreement.report_dates.latest("due_date").pk])
        in page
    )
    assert "Volontärerna och skolans lokaler." in page  # the evaluation's success factors
    assert "Uppnått" in page and GOALS[0]["goal"] in page
    assert renewal.diarienummer in page
    # The agreement, its PDF and the messages still open.
    for url in (
        reverse("agreements:draft", args=[case.pk]),
        reverse("initiatives:messages", args=[case.pk]),
    ):
        assert client.get(url).status_code == 200, url
    # The renewal's page names the partnership it continues.
    assert (
        reverse("initiatives:detail", args=[case.pk])
        in client.get(renewal.get_absolute_url()).content.decode()
    )
