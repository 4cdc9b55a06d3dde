"""Renewal and early termination: the next term's case, and an uppsägning with its repayment."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from agreements.models import AgreementClause, ClauseKind, Contribution, Party
from assessments.models import Assessment
from initiatives.models import DiaryEntry, Initiative, Status
from term import evaluation_services, renewal_services, termination_services
from term.models import Evaluation, Termination

pytestmark = pytest.mark.django_db

GOALS = [{"goal": "Fler elever klarar skolan", "indicator": "Andel godkända", "target": "80 %"}]


def _evaluated(town, outcome=Evaluation.Outcome.END):
    case = town.active(goals=GOALS)
    evaluation_services.evaluation_record(
        initiative=case,
        by=town.handlaggare,
        today=datetime.date(2028, 1, 10),
        goal_fulfilment="Målen nåddes.",
        what_worked="Volontärerna.",
        what_did_not_work="Lokalen.",
        knowledge_gained="Metod.",
        no_final_report_reason="Slutrapporten lämnades muntligt.",
        goals={g.pk: {"judgement": "met"} for g in case.agreement.goals.all()},
        outcome=outcome,
    )
    case.refresh_from_db()
    return case


def test_renewal_carries_the_case_over_as_the_handlaggares_draft(town):
    case = _evaluated(town)
    renewal = renewal_services.initiative_renew(initiative=case, by=town.handlaggare)
    renewal.refresh_from_db()
    # Linked both ways, its own diarienummer, assessed again (nothing promised in advance).
    assert renewal.renews == case
    assert list(case.renewed_by.all()) == [renewal]
    assert renewal.diarienummer != case.diarienummer
    assert renewal.diarienummer.startswith("SOF")
    assert renewal.status == Status.ASSESSMENT
    assert Assessment.objects.filter(initiative=renewal).exists()
    assert DiaryEntry.objects.filter(initiative=renewal).count() == 1
    assert renewal.handlaggare == town.handlaggare
    # The organisation, the activity, the goals and the contributions.
    assert renewal.organisation == case.organisation
    assert renewal.activity == case.activity
    assert (renewal.term_start, renewal.term_end) == (
        datetime.date(2028, 1, 1),
        datetime.date(2028, 12, 31),
    )
    draft = renewal.agreement
    assert [g.goal for g in draft.goals.all()] == [GOALS[0]["goal"]]
    old = {(c.party, c.amount_sek) for c in case.agreement.contributions.all()}
    assert {(c.party, c.amount_sek) for c in draft.contributions.all()} == old
    assert {c.year for c in draft.contributions.all()} == {2028}
    assert draft.versions.count() == 1
    assert draft.report_dates.latest("due_date").due_date == datetime.date(2028, 12, 31)
    assert draft.clauses.count() == case.agreement.clauses.count()


def test_a_partnership_is_renewed_once(town):
    case = _evaluated(town, outcome=Evaluation.Outcome.RENEW)
    first = case.renewed_by.get()
    with pytest.raises(ValidationError, match=first.diarienummer):
        renewal_services.initiative_renew(initiative=case, by=town.handlaggare)
    # And the database agrees.
    with pytest.raises(IntegrityError), transaction.atomic():
        Initiative.objects.filter(pk=town.draft().pk).update(renews=case)


def test_only_the_case_handler_renews(town):
    case = _evaluated(town)
    with pytest.raises(PermissionDenied):
        renewal_services.initiative_renew(initiative=case, by=town.handlaggare_amf)
    with pytest.raises(PermissionDenied):
        renewal_services.initiative_renew(initiative=case, by=town.member)


def test_a_renewal_names_the_case_it_continues(town):
    # The register's downloads read it from there (tests/public/test_public.py).
    case = _evaluated(town, outcome=Evaluation.Outcome.RENEW)
    renewal = case.renewed_by.get()
    assert (
        Initiative.objects.filter(pk=renewal.pk)
        .values_list("renews__diarienummer", flat=True)
        .get()
        == case.diarienummer
    )


def _repayment_clause(agreement):
    AgreementClause.objects.filter(agreement=agreement, kind=ClauseKind.REPAYMENT).delete()
    AgreementClause.objects.create(
        agreement=agreement,
        kind=ClauseKind.REPAYMENT,
        position=99,
        heading="Återbetalning",
        text="Medel för verksamhet som inte genomförs betalas tillbaka.",
    )


def test_termination_records_reason_repayment_and_tells_the_organisation(
    town, django_capture_on_commit_callbacks
):
    case = town.active()
    _repayment_clause(case.agreement)
    with django_capture_on_commit_callbacks(execute=True):
        termination = termination_services.agreement_terminate(
            agreement=case.agreement,
            by=town.handlaggare,
            reason="Verksamheten har upphört.",
            date=datetime.date(2027, 6, 30),
            repayment_sek=50000,
        )
    case.refresh_from_db()
    assert case.status == Status.TERMINATED
    assert termination.repayment_sek == 50000
    assert termination.ends_on == datetime.date(2027, 6, 30)
    sent = [m for m in mail.outbox if "uppsagt" in m.subject]
    assert sent and town.org.contact_email in sent[0].to
    assert f"/initiativ/{case.pk}/" in sent[0].body
    assert "50\u00a0000\u00a0kr" in sent[0].body
    entry = DiaryEntry.objects.get(initiative=case, document="Uppsägning")
    assert entry.subject == "Uppsägning av avtalet från 2027-06-30"
    assert entry.registered_by == town.handlaggare and entry.sender == case.forvaltning.name


def test_no_repayment_without_a_repayment_clause_nor_beyond_the_contribution(town):
    case = town.active()
    AgreementClause.objects.filter(agreement=case.agreement, kind=ClauseKind.REPAYMENT).delete()
    with pytest.raises(ValidationError) as error:
        termination_services.agreement_terminate(
            agreement=case.agreement,
            by=town.handlaggare,
            reason="Verksamheten har upphört.",
            date=datetime.date(2027, 6, 30),
            repayment_sek=1000,
        )
    assert "ingen punkt om återbetalning" in error.value.message_dict["repayment_sek"][0]
    _repayment_clause(case.agreement)
    paid = sum(c.amount_sek for c in case.agreement.contributions.filter(party=Party.MUNICIPALITY))
    with pytest.raises(ValidationError, match="större än kommunens bidrag"):
        termination_services.agreement_terminate(
            agreement=case.agreement,
            by=town.handlaggare,
            reason="Verksamheten har upphört.",
            date=datetime.date(2027, 6, 30),
            repayment_sek=paid + 1,
        )
    assert not Termination.objects.exists()


def test_termination_needs_a_reason_and_a_date_in_the_term(town):
    case = town.active()
    with pytest.raises(ValidationError) as error:
        termination_services.agreement_terminate(
            agreement=case.agreement,
            by=town.handlaggare,
            reason=" ",
            date=datetime.date(2030, 1, 1),
        )
    assert {"reason", "date"} <= set(error.value.message_dict)


def test_an_inactive_agreement_cannot_be_terminated(town):
    signing = town.signing()
    with pytest.raises(ValidationError, match="Bara ett pågående partnerskap"):
        termination_services.agreement_terminate(
            agreement=signing.agreement,
            by=town.handlaggare,
            reason="Ändrade planer.",
            date=datetime.date(2027, 3, 1),
        )
    case = town.active(paragraph=2)
    termination_services.agreement_terminate(
        agreement=case.agreement,
        by=town.handlaggare,
        reason="Upphört.",
        date=datetime.date(2027, 3, 1),
    )
    with pytest.raises(ValidationError, match="Uppsagt i förtid"):
        termination_services.agreement_terminate(
            agreement=case.agreement,
            by=town.handlaggare,
            reason="Igen.",
            date=datetime.date(2027, 3, 1),
        )
    assert Contribution.objects.filter(agreement=case.agreement).exists()


def test_only_the_case_handler_terminates(town):
    case = town.active()
    with pytest.raises(PermissionDenied):
        termination_services.agreement_terminate(
            agreement=case.agreement, by=town.member, reason="Nej.", date=datetime.date(2027, 3, 1)
        )
