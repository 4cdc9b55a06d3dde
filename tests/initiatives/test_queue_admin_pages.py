"""Staff case pages in the admin: paper registration, dialogue, watch dates, the start page."""

import datetime

import pytest
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from initiatives.models import (
    DialogueMeeting,
    Initiative,
    ReceivedVia,
    Status,
    WatchDate,
)
from organisations.models import Organisation

from ._queue_support import TODAY, changelist, listed, page_text
from .test_queue import MEETING, overdue_watch

pytestmark = pytest.mark.django_db


# --- Registration, dialogue and bevakning pages -------------------------------------------------

NEW_ORG = {
    "name": "Brevföreningen",
    "org_number": "802016-3294",
    "legal_form": "ideell_forening",
    "street_address": "Box 2",
    "postal_code": "111 22",
    "city": "Demostad",
    "contact_name": "Bo Brev",
    "contact_email": "bo@brev.example",
    "contact_phone": "08-2",
}


def registration_post(**overrides):
    return {
        "received_on": (TODAY() - datetime.timedelta(days=2)).isoformat(),
        "received_via": ReceivedVia.POST,
        "title": "Läsfrämjande på biblioteket",
        "challenge": "Barn läser allt mindre.",
        "activity": "Högläsning varje lördag.",
        "term_start": "2027-01-01",
        "term_end": "2027-12-31",
        **NEW_ORG,
    } | overrides


def test_staff_register_a_paper_initiative_from_a_new_organisation(staff_client, town):
    url = reverse("admin:initiatives_initiative_register")
    assert "Registrera inkommet initiativ" in page_text(changelist(staff_client))
    response = staff_client.post(url, registration_post(), follow=True)
    case = Initiative.objects.get(title="Läsfrämjande på biblioteket")
    assert f"Ärendet är registrerat med diarienummer {case.diarienummer}." in page_text(response)
    assert case.organisation.name == "Brevföreningen" and case.forvaltning == town.sof
    assert case.status == Status.SUBMITTED and case.received_via == ReceivedVia.POST
    assert case in listed(changelist(staff_client, q="8020163294"))


def test_a_failed_registration_keeps_what_was_typed_and_creates_nothing(staff_client, town):
    url = reverse("admin:initiatives_initiative_register")
    data = registration_post(received_on="2999-01-01", org_number="802016-3295")
    response = staff_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "kontrollsiffran" in errors["org_number"][0]
    page = page_text(response)
    assert 'href="#id_org_number"' in page  # the summary links to the field
    assert "Högläsning varje lördag." in page and "Brevföreningen" in page
    assert not Organisation.objects.filter(name="Brevföreningen").exists()
    # With the number fixed, the date in the future is the next thing refused; still nothing made.
    response = staff_client.post(url, registration_post(received_on="2999-01-01"))
    assert response.context["form"].errors["received_on"] == [
        "Datumet då initiativet kom in kan inte ligga i framtiden."
    ]
    assert not Organisation.objects.filter(name="Brevföreningen").exists()
    assert not Initiative.objects.exists()


def test_a_dialogue_meeting_is_recorded_and_shown_on_the_case(staff_client, town):
    case = town.submitted()
    url = reverse("admin:initiatives_initiative_dialogue", args=[case.pk])
    response = staff_client.post(url, {"held_on": TODAY().isoformat(), **MEETING}, follow=True)
    assert "Dialogmötet är antecknat." in page_text(response)
    assert MEETING["solution_agreed"] in page_text(response)
    future = (TODAY() + datetime.timedelta(days=30)).isoformat()
    response = staff_client.post(url, {"held_on": future, **MEETING})
    assert response.context["form"].errors["held_on"] == [
        "Mötesdatumet ligger i framtiden. Anteckna mötet när det har hållits."
    ]
    assert MEETING["participants"] in page_text(response)
    early = (timezone.localdate(case.submitted_at) - datetime.timedelta(days=1)).isoformat()
    response = staff_client.post(url, {"held_on": early, **MEETING})
    assert response.context["form"].errors["held_on"] == [
        "Mötesdatumet ligger före den dag ärendet kom in "
        f"({timezone.localdate(case.submitted_at).isoformat()}). Ange ett datum från och med "
        "den dagen."
    ]
    assert DialogueMeeting.objects.count() == 1


def test_a_dialogue_on_a_closed_case_is_refused_with_a_message(staff_client, town):
    case = town.for_decision()
    change = page_text(
        staff_client.get(reverse("admin:initiatives_initiative_change", args=[case.pk]))
    )
    assert "Anteckna dialogmöte" not in change
    response = staff_client.post(
        reverse("admin:initiatives_initiative_dialogue", args=[case.pk]),
        {"held_on": TODAY().isoformat(), **MEETING},
    )
    assert "Dialogmöten antecknas medan ärendet är inkommet" in page_text(response)
    assert not DialogueMeeting.objects.exists()


def test_a_watch_date_is_set_and_marked_done_from_the_case_page(staff_client, town):
    case = town.submitted()
    due = TODAY() + datetime.timedelta(days=5)
    staff_client.post(
        reverse("admin:initiatives_initiative_watch_date", args=[case.pk]),
        {
            "due_date": due.isoformat(),
            "what": "Påminn om stadgar",
            "responsible": town.handlaggare.pk,
        },
    )
    watch = WatchDate.objects.get()
    page = page_text(
        staff_client.get(reverse("admin:initiatives_initiative_change", args=[case.pk]))
    )
    assert "Påminn om stadgar" in page and "Klar: Påminn om stadgar" in page
    staff_client.post(reverse("admin:initiatives_initiative_watch_date_done", args=[watch.pk]))
    watch.refresh_from_db()
    assert watch.done_by == town.handlaggare
    # Another förvaltning's staff cannot touch it.
    staff_client.force_login(town.handlaggare_amf)
    response = staff_client.post(
        reverse("admin:initiatives_initiative_watch_date_done", args=[watch.pk])
    )
    assert response.status_code == 404


# --- The start page -----------------------------------------------------------------------------


def test_the_start_page_lists_my_cases_waiting_cases_dates_and_idle_cases(staff_client, town):
    start = reverse("admin:initiatives_initiative_start")
    assert "Mitt arbete" in page_text(staff_client.get(reverse("admin:index")))
    empty = page_text(staff_client.get(start))
    for text in (
        "Du har inga pågående ärenden.",
        "Alla inkomna ärenden har en handläggare.",
        "Inga datum infaller den här veckan.",
        "Alla pågående ärenden har haft aktivitet de senaste 30 dagarna.",
    ):
        assert text in empty
    mine = town.in_assessment(title="Mitt ärende")
    Initiative.objects.filter(pk=mine.pk).update(handlaggare=town.handlaggare)
    waiting = town.submitted(title="Väntar")
    overdue_watch(mine, town.handlaggare, what="Begär årsredovisning")
    idle = town.submitted(title="Stilla")
    Initiative.objects.filter(pk=idle.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=45), handlaggare=town.secretary
    )
    # Backdating the status history is for this test only (the portal never changes a record):
    # the base queryset's update, past the record's refusal.
    QuerySet.update(
        idle.status_changes.all(), changed_at=timezone.now() - datetime.timedelta(days=45)
    )
    town.submitted(title="Annan förvaltning", forvaltning=town.amf)
    response = staff_client.get(start)
    context = response.context
    assert [c.pk for c in context["mine"]] == [mine.pk]
    assert [c.pk for c in context["waiting"]] == [waiting.pk]
    assert [row.case.pk for row in context["dates"]] == [mine.pk]
    assert [c.pk for c in context["idle"]] == [idle.pk]
    page = page_text(response)
    assert "Begär årsredovisning" in page and "(försenat)" in page
    for case in (mine, waiting, idle):
        assert reverse("admin:initiatives_initiative_change", args=[case.pk]) in page
    assert "Annan förvaltning" not in page
