"""Each lifecycle step through its service, and the steps the state machine refuses."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import ProtectedError

from agreements import services as agreement_services
from agreements.models import Party
from assessments import services as assessment_services
from assessments.models import CriterionAssessment, Recommendation
from decisions import services as decision_services
from decisions.models import Decision
from initiatives import services
from initiatives.models import DiaryEntry, Initiative, Status, StatusChange
from initiatives.workflow import TransitionNotAllowed, initiative_transition
from reminders import services as reminder_services
from reminders.models import SentReminder
from term import services as term_services
from term.models import Evaluation

pytestmark = pytest.mark.django_db(transaction=False)


def statuses(initiative):
    return list(
        StatusChange.objects.filter(initiative=initiative).values_list("from_status", "to_status")
    )


def test_draft_is_not_registered(town):
    draft = town.draft(challenge="")
    assert draft.status == Status.DRAFT
    assert draft.diarienummer is None
    assert not DiaryEntry.objects.filter(initiative=draft).exists()


def test_incomplete_draft_cannot_be_submitted_and_stays_a_draft(town):
    draft = town.draft(challenge="", requested_amount_per_year=None)
    with pytest.raises(ValidationError) as error:
        services.initiative_submit(initiative=draft, by=town.member)
    assert set(error.value.message_dict) == {"challenge", "requested_amount_per_year"}
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert draft.title == "Läxhjälp i Demostad"


def test_submit_registers_the_case_and_mails_a_receipt(town, django_capture_on_commit_callbacks):
    draft = town.draft()
    with django_capture_on_commit_callbacks(execute=True):
        case = services.initiative_submit(initiative=draft, by=town.member)
    case.refresh_from_db()
    assert case.status == Status.SUBMITTED
    assert case.diarienummer.startswith("SOF 20")
    entry = DiaryEntry.objects.get(initiative=case)
    assert entry.sender == f"{town.org.name} ({town.org.org_number})"
    assert "Läxhjälp i Demostad" in entry.subject
    assert entry.received_at == case.submitted_at
    assert statuses(case) == [("draft", "submitted")]
    # The receipt to the organisation; the förvaltning's sakkunnig is told too (nobody is assigned).
    receipt, to_sakkunnig = mail.outbox
    assert set(to_sakkunnig.to) == {town.sof.contact_email}
    assert case.diarienummer in receipt.subject
    assert case.diarienummer in receipt.body
    assert set(receipt.to) == {town.member.email, town.org.contact_email}


def test_diarienummer_follow_the_forvaltning_pattern_and_count_per_body(town):
    first = town.submitted()
    second = town.submitted()
    amf = town.submitted(forvaltning=town.amf)
    year = first.submitted_at.year
    assert first.diarienummer == f"SOF {year}-0001"
    assert second.diarienummer == f"SOF {year}-0002"
    assert amf.diarienummer == f"AMN {year}-0001-01.06"


def test_submitted_initiative_cannot_be_edited_or_submitted_again(town):
    case = town.submitted()
    with pytest.raises(ValidationError):
        services.initiative_save_draft(
            by=town.member, organisation=town.org, initiative=case, title="Ändrad"
        )
    with pytest.raises(ValidationError):
        services.initiative_submit(initiative=case, by=town.member)
    case.refresh_from_db()
    assert case.title == "Läxhjälp i Demostad"


def test_other_organisation_cannot_draft_or_submit_for_us(town):
    draft = town.draft()
    with pytest.raises(PermissionDenied):
        services.initiative_save_draft(
            by=town.other_member, organisation=town.org, initiative=draft, title="Kapad"
        )
    with pytest.raises(PermissionDenied):
        services.initiative_submit(initiative=draft, by=town.other_member)


def test_assessment_start_uses_the_forvaltning_criteria_set(town):
    case = town.in_assessment()
    assert case.status == Status.ASSESSMENT
    assert case.handlaggare == town.handlaggare
    # Taking the case is logged like any assignment; nobody is mailed about their own choice.
    (assignment,) = case.assignments.all()
    assert assignment.handlaggare == assignment.assigned_by == town.handlaggare
    assert assignment.note == "Tog ärendet när bedömningen påbörjades"
    assert case.assessment.criteria_set == town.sof.criteria_set
    assert case.assessment.answers.count() == 6
    amf_case = town.submitted(forvaltning=town.amf)
    assessment = assessment_services.assessment_start(initiative=amf_case, by=town.handlaggare_amf)
    assert assessment.answers.count() == 8


def test_staff_of_another_forvaltning_cannot_assess(town):
    case = town.submitted()
    with pytest.raises(PermissionDenied):
        assessment_services.assessment_start(initiative=case, by=town.handlaggare_amf)


def test_assessment_needs_every_verdict_motivation_and_recommendation(town):
    case = town.in_assessment()
    assessment = case.assessment
    first = assessment.answers.first()
    assessment_services.assessment_record(
        assessment=assessment,
        by=town.handlaggare,
        answers={first.criterion_id: (CriterionAssessment.Verdict.UNCLEAR, "")},
    )
    # The second staff member's approval checks the assessment is whole.
    with pytest.raises(ValidationError) as error:
        assessment_services.assessment_approve(assessment=assessment, by=town.colleague)
    text = " ".join(error.value.messages)
    assert "Kriterium 1 är inte uppfyllt eller oklart och behöver en motivering" in text
    assert "Kriterium 2 saknar bedömning" in text
    assert "Välj en rekommendation" in text
    case.refresh_from_db()
    assert case.status == Status.ASSESSMENT
    assert case.assessment.approved_at is None
    with pytest.raises(ValidationError, match="måste godkännas av en annan medarbetare"):
        assessment_services.assessment_complete(assessment=assessment, by=town.handlaggare)


def test_iop_recommendation_moves_case_to_agreement(town):
    case = town.assessed()
    assert case.status == Status.AGREEMENT
    assert case.assessment.completed_at is not None
    with pytest.raises(ValidationError):
        assessment_services.assessment_record(
            assessment=case.assessment, by=town.handlaggare, summary="Ändrad i efterhand"
        )


def test_referral_recommendation_ends_the_case_and_tells_the_organisation(
    town, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = town.assessed(recommendation=Recommendation.FORENINGSBIDRAG)
    assert case.status == Status.DECLINED
    referral = mail.outbox[-1]
    assert town.org.contact_email in referral.to
    assert "föreningsbidrag" in referral.body


def test_agreement_draft_starts_from_the_case_and_standard_clauses(town):
    case = town.assessed()
    agreement = agreement_services.agreement_create_draft(initiative=case, by=town.handlaggare)
    assert agreement.term_start == datetime.date(2027, 1, 1)
    assert agreement.term_end == datetime.date(2027, 12, 31)
    texts = dict(agreement.clauses.values_list("kind", "text"))
    assert "betala tillbaka" in texts["repayment"]
    assert "kunskap" in texts["knowledge_sharing"]
    by_party = {c.party: c for c in agreement.contributions.all()}
    assert by_party[Party.MUNICIPALITY].amount_sek == 200000
    assert by_party[Party.ORGANISATION].in_kind_description.startswith("Ideella")
    assert [r.due_date for r in agreement.report_dates.all()] == [
        datetime.date(2027, 7, 2),
        datetime.date(2027, 12, 31),
    ]


def test_agreement_without_both_parties_cannot_go_to_decision(town):
    case = town.assessed()
    agreement = agreement_services.agreement_create_draft(initiative=case, by=town.handlaggare)
    agreement.contributions.filter(party=Party.ORGANISATION).delete()
    with pytest.raises(ValidationError, match="Båda parterna"):
        agreement_services.agreement_submit_for_decision(agreement=agreement, by=town.handlaggare)
    case.refresh_from_db()
    assert case.status == Status.AGREEMENT


def test_only_the_secretary_records_the_decision(town):
    case = town.for_decision()
    kwargs = {
        "initiative": case,
        "meeting_date": datetime.date(2026, 11, 2),
        "paragraph": 7,
        "outcome": Decision.Outcome.APPROVED,
        "decision_text": "Nämnden godkänner avtalet.",
    }
    with pytest.raises(PermissionDenied):
        decision_services.decision_record(by=town.handlaggare, **kwargs)
    decision = decision_services.decision_record(by=town.secretary, **kwargs)
    case.refresh_from_db()
    assert case.status == Status.SIGNING
    assert decision.namnd == town.sof.namnd
    assert statuses(case)[-1] == ("decision", "signing")


def test_decision_paragraph_is_unique_per_meeting(town):
    town.active(paragraph=3)
    second = town.for_decision()
    with pytest.raises(ValidationError) as error:
        decision_services.decision_record(
            initiative=second,
            by=town.secretary,
            meeting_date=datetime.date(2026, 11, 2),
            paragraph=3,
            outcome=Decision.Outcome.APPROVED,
            decision_text="…",
        )
    assert "paragraph" in error.value.message_dict


def test_decision_is_refused_before_the_case_is_ready(town):
    case = town.in_assessment()
    with pytest.raises(ValidationError, match="för beslut i nämnden"):
        decision_services.decision_record(
            initiative=case,
            by=town.secretary,
            meeting_date=datetime.date(2026, 11, 2),
            paragraph=1,
            outcome=Decision.Outcome.APPROVED,
            decision_text="…",
        )


def test_returned_decision_sends_the_case_back_to_agreement(town):
    case = town.for_decision()
    decision_services.decision_record(
        initiative=case,
        by=town.secretary,
        meeting_date=datetime.date(2026, 11, 2),
        paragraph=9,
        outcome=Decision.Outcome.RETURNED,
        decision_text="Ärendet återremitteras.",
    )
    case.refresh_from_db()
    assert case.status == Status.AGREEMENT


def test_reminders_go_once_to_organisation_and_handlaggare(
    town, django_capture_on_commit_callbacks
):
    case = town.active()
    with django_capture_on_commit_callbacks(execute=True):
        sent = reminder_services.reminders_send_due(today=datetime.date(2027, 6, 25))
    assert sent == 2
    assert {m.to[0] for m in mail.outbox} == {town.org.contact_email, town.handlaggare.email}
    assert "2027-07-02" in mail.outbox[0].subject
    assert reminder_services.reminders_send_due(today=datetime.date(2027, 6, 26)) == 0
    assert len(mail.outbox) == 2
    assert SentReminder.objects.filter(initiative=case).count() == 2


def test_term_end_reminder_inside_its_window(town, settings, django_capture_on_commit_callbacks):
    settings.IOP_REMINDER_DAYS_BEFORE_TERM_END = 60
    settings.IOP_REMINDER_DAYS_BEFORE_REPORT = 0
    town.active()
    assert reminder_services.reminders_send_due(today=datetime.date(2027, 10, 1)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert reminder_services.reminders_send_due(today=datetime.date(2027, 11, 2)) == 2
    assert all("löper ut 2027-12-31" in m.subject for m in mail.outbox)


def test_evaluation_waits_for_the_term_end_then_closes_the_case(town):
    case = town.active()
    answers = {
        "goal_fulfilment": "Målen nåddes till stor del.",
        "what_worked": "Volontärerna.",
        "what_did_not_work": "Lokalfrågan.",
        "knowledge_gained": "Metod för matchning.",
        "no_final_report_reason": "Slutrapporten lämnades muntligt vid dialogmötet.",
        "outcome": Evaluation.Outcome.RENEW,
    }
    with pytest.raises(ValidationError, match="2027-12-31"):
        term_services.evaluation_record(
            initiative=case, by=town.handlaggare, today=datetime.date(2027, 6, 1), **answers
        )
    term_services.evaluation_record(
        initiative=case, by=town.handlaggare, today=datetime.date(2028, 1, 10), **answers
    )
    case.refresh_from_db()
    assert case.status == Status.CLOSED
    assert case.evaluation.outcome == Evaluation.Outcome.RENEW


@pytest.mark.parametrize(
    ("stage", "target"),
    [
        ("draft", Status.ACTIVE),
        ("submitted", Status.AGREEMENT),
        ("in_assessment", Status.ACTIVE),
        ("active", Status.DRAFT),
        ("active", Status.SUBMITTED),
    ],
)
def test_state_machine_refuses_transitions_not_in_the_table(town, stage, target):
    case = getattr(town, stage)()
    before = case.status
    with pytest.raises(TransitionNotAllowed) as error:
        initiative_transition(initiative=case, to=target, by=town.handlaggare)
    assert "kan inte gå till" in error.value.messages[0]
    case.refresh_from_db()
    assert case.status == before


def test_every_status_change_is_in_the_audit_history(town):
    case = town.active()
    assert statuses(case) == [
        ("draft", "submitted"),
        ("submitted", "assessment"),
        ("assessment", "agreement"),
        ("agreement", "decision"),
        ("decision", "signing"),
        ("signing", "active"),
    ]
    changed_by = list(
        StatusChange.objects.filter(initiative=case).values_list("changed_by__username", flat=True)
    )
    assert changed_by == [
        "medlem",
        "handlaggare",
        "handlaggare",
        "handlaggare",
        "sekreterare",
        "handlaggare",
    ]
    assert case.history.filter(status=Status.ACTIVE).exists()


def test_registered_cases_are_never_deleted(town):
    case = town.submitted()
    with pytest.raises(ProtectedError):
        case.delete()
    with pytest.raises(ProtectedError):
        Initiative.objects.filter(pk=case.pk).delete()
    assert Initiative.objects.filter(pk=case.pk).exists()
    draft = town.draft()
    draft.delete()
    assert not Initiative.objects.filter(pk=draft.pk).exists()


def test_record_texts_are_swedish_whatever_language_the_user_works_in(town):
    from django.utils import translation

    case = town.assessed()
    with translation.override("en"):
        agreement = agreement_services.agreement_create_draft(initiative=case, by=town.handlaggare)
        entry = DiaryEntry.objects.get(initiative=town.submitted())
    assert "betala tillbaka" in agreement.clauses.get(kind="repayment").text
    assert [r.description for r in agreement.report_dates.all()] == ["Delrapport", "Slutrapport"]
    assert entry.document == "Initiativ"


def test_status_notes_are_swedish_whatever_language_the_user_works_in(town):
    from django.utils import translation

    with translation.override("en"):
        case = town.assessed()
    notes = list(StatusChange.objects.filter(initiative=case).values_list("note", flat=True))
    assert notes == [
        "Inskickat via portalen",
        "Bedömning påbörjad",
        "Bedömningen klar: Idéburet offentligt partnerskap (IOP)",
    ]
