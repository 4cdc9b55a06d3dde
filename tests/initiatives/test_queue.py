"""The förvaltning's case work: assignment, registration of mailed initiatives, dialogue meetings
and bevakningar, through the services and through the admin pages that call them."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from initiatives import assignment_services, next_due, selectors, services
from initiatives.models import (
    CaseAssignment,
    DialogueMeeting,
    DiaryEntry,
    Initiative,
    ReceivedVia,
    Status,
    StatusChange,
    WatchDate,
)
from organisations import services as org_services
from organisations.models import Organisation

from .. import factories

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def change_url(case):
    return reverse("admin:initiatives_initiative_change", args=[case.pk])


# --- Assignment ---------------------------------------------------------------------------------


def test_assign_records_the_note_and_mails_the_assignee_after_commit(
    town, mailoutbox, django_capture_on_commit_callbacks
):
    case = town.submitted()
    colleague = factories.user("kollega", staff=True, forvaltning=town.sof)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assignment_services.initiative_assign(
            initiative=case, handlaggare=colleague, by=town.handlaggare, note="Brådskande."
        )
        assert mailoutbox == []  # nothing is sent before the commit
    for callback in callbacks:
        callback()
    case.refresh_from_db()
    assert case.handlaggare == colleague
    assignment = CaseAssignment.objects.get(initiative=case)
    assert (assignment.assigned_by, assignment.note) == (town.handlaggare, "Brådskande.")
    (mail,) = mailoutbox
    assert mail.to == ["kollega@example.org"]
    assert mail.subject == f"Du är handläggare för ärende {case.diarienummer}"
    assert case.diarienummer in mail.body and "Brådskande." in mail.body
    assert change_url(case) in mail.body


def test_assigning_yourself_or_the_same_person_again_sends_nothing(
    town, mailoutbox, django_capture_on_commit_callbacks
):
    case = town.submitted()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assignment_services.initiative_assign(
            initiative=case, handlaggare=town.handlaggare, by=town.handlaggare
        )
    with django_capture_on_commit_callbacks(execute=True):
        assignment_services.initiative_assign(
            initiative=case, handlaggare=town.handlaggare, by=town.secretary
        )
    assert mailoutbox == []
    assert CaseAssignment.objects.filter(initiative=case).count() == 1


def test_staff_of_another_forvaltning_cannot_be_assigned(town):
    case = town.submitted()
    with pytest.raises(ValidationError) as error:
        assignment_services.initiative_assign(
            initiative=case, handlaggare=town.handlaggare_amf, by=town.handlaggare
        )
    assert "Socialförvaltningen" in error.value.message_dict["handlaggare"][0]
    case.refresh_from_db()
    assert case.handlaggare is None and not CaseAssignment.objects.exists()


def test_staff_of_another_forvaltning_cannot_assign(town):
    case = town.submitted()
    with pytest.raises(PermissionDenied):
        assignment_services.initiative_assign(
            initiative=case, handlaggare=town.handlaggare_amf, by=town.handlaggare_amf
        )


def test_bulk_assignment_is_all_or_nothing_and_sends_one_mail(
    town, mailoutbox, django_capture_on_commit_callbacks
):
    sof_cases = [town.submitted(title=f"Ärende {i}") for i in range(3)]
    amf_case = town.submitted(forvaltning=town.amf)
    mailoutbox.clear()
    with pytest.raises(ValidationError):
        assignment_services.initiatives_assign(
            initiatives=[*sof_cases, amf_case], handlaggare=town.handlaggare, by=town.superuser
        )
    assert not Initiative.objects.filter(handlaggare__isnull=False).exists()
    with django_capture_on_commit_callbacks(execute=True):
        assignment_services.initiatives_assign(
            initiatives=sof_cases, handlaggare=town.handlaggare, by=town.secretary, note="Din tur"
        )
    assert Initiative.objects.filter(handlaggare=town.handlaggare).count() == 3
    (mail,) = mailoutbox
    assert mail.subject == "Du är handläggare för 3 ärenden"
    assert all(c.diarienummer in mail.body for c in sof_cases)


# --- Registration of initiatives that came outside the portal -----------------------------------


def registration(**overrides):
    data = {
        "title": "Samtalsgrupper för äldre",
        "challenge": "Ensamhet bland äldre.",
        "activity": "Samtalsgrupper varje vecka.",
        "target_group": "Äldre över 75.",
    }
    return data | overrides


def test_a_mailed_initiative_gets_the_next_diarienummer_a_diary_entry_and_a_receipt(
    town, mailoutbox, django_capture_on_commit_callbacks
):
    portal_case = town.submitted()
    arrived = TODAY() - datetime.timedelta(days=3)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        case = services.initiative_register_received(
            by=town.handlaggare,
            organisation=town.other_org,
            forvaltning=town.sof,
            received_on=arrived,
            received_via=ReceivedVia.POST,
            **registration(),
        )
    year = TODAY().year
    assert portal_case.diarienummer == f"SOF {year}-0001"
    assert case.diarienummer == f"SOF {year}-0002"
    assert case.status == Status.SUBMITTED and case.received_via == ReceivedVia.POST
    assert timezone.localdate(case.submitted_at) == arrived
    entry = DiaryEntry.objects.get(initiative=case)
    assert timezone.localdate(entry.received_at) == arrived
    assert entry.registered_by == town.handlaggare
    assert entry.document == "Initiativ (inkom via brev (papper))"
    assert town.other_org.org_number in entry.sender
    change = StatusChange.objects.get(initiative=case)
    assert (change.from_status, change.to_status) == (Status.DRAFT, Status.SUBMITTED)
    (mail,) = mailoutbox
    assert mail.to == [town.other_org.contact_email] and case.diarienummer in mail.subject
    assert case in selectors.case_queue(user=town.handlaggare)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"received_on": datetime.date(2999, 1, 1)},
            "received_on",
            "Datumet då initiativet kom in kan inte ligga i framtiden.",
        ),
        ({"received_via": ReceivedVia.PORTAL}, "received_via", "Välj hur initiativet kom in"),
        ({"title": " "}, "title", "Fyll i det här fältet."),
        ({"forvaltning": "amf"}, "forvaltning", "Du kan bara registrera ärenden hos din egen"),
    ],
)
def test_registration_refuses_bad_input_by_field_and_registers_nothing(
    town, overrides, field, message
):
    args = {
        "by": town.handlaggare,
        "organisation": town.org,
        "forvaltning": town.sof,
        "received_on": TODAY(),
        "received_via": ReceivedVia.EMAIL,
        **registration(),
    }
    args |= {k: getattr(town, v) if k == "forvaltning" else v for k, v in overrides.items()}
    with pytest.raises(ValidationError) as error:
        services.initiative_register_received(**args)
    assert error.value.message_dict[field][0].startswith(message)
    assert not Initiative.objects.exists()
    assert not DiaryEntry.objects.exists()


def test_a_new_organisation_is_registered_once(town):
    data = {
        "name": "Pappersföreningen",
        "org_number": "8020163294",
        "legal_form": Organisation.LegalForm.IDEELL_FORENING,
        "street_address": "Box 1",
        "postal_code": "111 11",
        "city": "Demostad",
        "contact_name": "Per Papper",
        "contact_email": "per@papper.example",
        "contact_phone": "08-1",
    }
    organisation = org_services.organisation_register(by=town.handlaggare, **data)
    assert organisation.org_number == "802016-3294"
    assert not organisation.membership_set.exists()
    with pytest.raises(ValidationError) as error:
        org_services.organisation_register(by=town.handlaggare, **data | {"name": "Kopian"})
    assert "Pappersföreningen har redan det här organisationsnumret" in str(error.value)


# --- Dialogue -----------------------------------------------------------------------------------

MEETING = {
    "participants": "Kim (handläggare), Sara (föreningen)",
    "challenge_agreed": "Barn saknar lugn plats för läxor.",
    "solution_agreed": "Läxhjälp på skolan tre kvällar.",
}


@pytest.mark.parametrize("stage", ["submitted", "in_assessment", "assessed"])
def test_dialogue_meetings_are_recorded_from_submission_until_the_agreement_is_drafted(town, stage):
    case = getattr(town, stage)()
    meeting = services.dialogue_meeting_record(
        initiative=case, by=town.handlaggare, held_on=TODAY(), **MEETING
    )
    assert meeting.initiative == case and meeting.recorded_by == town.handlaggare
    assert meeting.challenge_agreed == MEETING["challenge_agreed"]


def test_no_dialogue_meeting_once_the_case_is_with_the_namnd(town):
    case = town.for_decision()
    with pytest.raises(ValidationError) as error:
        services.dialogue_meeting_record(
            initiative=case, by=town.handlaggare, held_on=TODAY(), **MEETING
        )
    assert "För beslut i nämnd" in error.value.messages[0]
    assert not DialogueMeeting.objects.exists()


@pytest.mark.parametrize(
    ("days", "message"),
    [
        (1, "Mötesdatumet ligger i framtiden"),
        (-1, "Mötesdatumet ligger före den dag ärendet kom in"),
        (-400, "Mötesdatumet ligger före den dag ärendet kom in"),
    ],
)
def test_a_meeting_date_beyond_reason_is_refused_by_the_field(town, days, message):
    case = town.submitted()
    with pytest.raises(ValidationError) as error:
        services.dialogue_meeting_record(
            initiative=case,
            by=town.handlaggare,
            held_on=TODAY() + datetime.timedelta(days=days),
            **MEETING,
        )
    assert error.value.message_dict["held_on"][0].startswith(message)


def test_staff_of_another_forvaltning_cannot_record_a_meeting(town):
    with pytest.raises(PermissionDenied):
        services.dialogue_meeting_record(
            initiative=town.submitted(), by=town.handlaggare_amf, held_on=TODAY(), **MEETING
        )


# --- Bevakningar and the queue's dates ----------------------------------------------------------


def test_watch_dates_are_added_completed_and_refused_in_the_past(town):
    case = town.submitted()
    watch = services.watch_date_add(
        initiative=case,
        by=town.handlaggare,
        due_date=TODAY() + datetime.timedelta(days=3),
        what="Boka dialogmöte",
        responsible=town.handlaggare,
    )
    assert selectors.case_queue(user=town.handlaggare).get(pk=case.pk).next_due == watch.due_date
    with pytest.raises(ValidationError) as error:
        services.watch_date_add(
            initiative=case,
            by=town.handlaggare,
            due_date=TODAY() - datetime.timedelta(days=1),
            what="För sent",
        )
    assert error.value.message_dict["due_date"] == ["Bevakningsdatumet har redan passerat."]
    with pytest.raises(ValidationError) as error:
        services.watch_date_add(
            initiative=case,
            by=town.handlaggare,
            due_date=TODAY(),
            what="x",
            responsible=town.handlaggare_amf,
        )
    assert "responsible" in error.value.message_dict
    services.watch_date_complete(watch_date=watch, by=town.handlaggare)
    watch.refresh_from_db()
    assert watch.done_by == town.handlaggare
    assert selectors.case_queue(user=town.handlaggare).get(pk=case.pk).next_due is None
    with pytest.raises(ValidationError):
        services.watch_date_complete(watch_date=watch, by=town.handlaggare)


def overdue_watch(case, by, days_ago=2, what="Begär komplettering"):
    # Bevakningar cannot be set in the past; this one was set earlier and has passed since.
    watch = WatchDate.objects.create(
        initiative=case,
        due_date=TODAY() - datetime.timedelta(days=days_ago),
        what=what,
        created_by=by,
    )
    next_due.initiative_next_due_refresh(initiative=case)
    return watch


def test_next_due_is_the_earliest_open_date_and_the_filters_agree(town):
    active = town.active()
    agreement = active.agreement
    agreement.report_dates.create(
        due_date=TODAY() + datetime.timedelta(days=40), description="Delrapport"
    )
    agreement.term_end = TODAY() + datetime.timedelta(days=100)
    agreement.save()
    # The term and report dates of an active partnership are not edited through the services.
    next_due.initiative_next_due_refresh(initiative=active)
    late = town.submitted(title="Försenad")
    overdue_watch(late, town.handlaggare)
    nothing = town.submitted(title="Inget datum")
    queue = selectors.case_queue(user=town.handlaggare)
    assert queue.get(pk=active.pk).next_due == TODAY() + datetime.timedelta(days=40)
    assert queue.get(pk=late.pk).next_due == TODAY() - datetime.timedelta(days=2)
    assert queue.get(pk=nothing.pk).next_due is None
    assert list(queue.filter(selectors.due_filter("overdue", TODAY()))) == [late]
    # Each period filter picks exactly the cases whose next date is in it.
    for period in ("week", "month"):
        end = {
            "week": TODAY() + datetime.timedelta(days=6 - TODAY().weekday()),
            "month": (TODAY().replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
            - datetime.timedelta(days=1),
        }[period]
        expected = {c.pk for c in queue if c.next_due and TODAY() <= c.next_due <= end}
        assert {c.pk for c in queue.filter(selectors.due_filter(period, TODAY()))} == expected


def test_last_activity_counts_status_changes(town):
    case = town.in_assessment()
    last_change = case.status_changes.order_by("changed_at").last().changed_at
    queued = selectors.case_queue(user=town.handlaggare).get(pk=case.pk)
    assert queued.last_activity >= last_change
