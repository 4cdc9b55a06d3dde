"""The staff case queue in the admin: list, search, filters, assignment, and fixed query budgets
whatever the number of cases; the pages for registration, dialogue and the start page: beside."""

import datetime
import re

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.generate_cases import generate_cases
from initiatives import services
from initiatives.models import (
    CaseAssignment,
    DialogueMeeting,
    Initiative,
)

from .. import factories
from ._queue_support import CHANGELIST, TODAY, changelist, listed, page_text
from .test_queue import MEETING, overdue_watch

pytestmark = pytest.mark.django_db


def test_the_queue_shows_the_forvaltnings_registered_cases_with_their_columns(staff_client, town):
    mine = town.submitted(title="Min")
    services_case = town.in_assessment(title="Bedöms")
    town.draft(title="Utkastet")
    town.submitted(title="Annan förvaltning", forvaltning=town.amf)
    Initiative.objects.filter(pk=mine.pk).update(handlaggare=town.handlaggare)
    overdue_watch(mine, town.handlaggare)
    response = changelist(staff_client)
    assert {c.title for c in listed(response)} == {"Min", "Bedöms"}
    page = page_text(response)
    for header in (
        "Diarienummer",
        "Organisation",
        "Rubrik",
        "Status",
        "Handläggare",
        "Dagar sedan ändring",
        "Nästa datum",
    ):
        assert f">{header}<" in page or f">{header}</a>" in page, header
    assert mine.diarienummer in page and services_case.diarienummer in page
    assert "Läxhjälpsföreningen" in page and "Handlaggare Testsson" in page
    overdue = (TODAY() - datetime.timedelta(days=2)).isoformat()
    assert f"{overdue} (försenat)" in page
    assert "Utkastet" not in page and "Annan förvaltning" not in page
    # Each row can be selected for the bulk assignment, with a label a screen reader can read.
    assert (
        f'name="_selected_action" value="{mine.pk}" class="action-select" '
        f'aria-label="Välj detta objekt för en åtgärd - {mine}"'
    ) in page


@pytest.mark.parametrize(
    "term",
    ["{org_number}", "{digits}", "{dnr}", "läxhjälpsför", "  {dnr}  "],
)
def test_search_finds_a_case_by_org_number_with_or_without_dash_dnr_or_name(
    staff_client, town, term
):
    case = town.submitted(title="Sökbar")
    town.submitted(title="Annan", forvaltning=town.sof)
    other = services_other_org_case(town)
    org_number = town.org.org_number
    q = term.format(
        org_number=org_number, digits=org_number.replace("-", ""), dnr=case.diarienummer
    )
    found = listed(changelist(staff_client, q=q))
    assert case in found and other not in found
    if "{dnr}" in term:
        assert found == [case]


def services_other_org_case(town):
    from initiatives import services

    draft = services.initiative_save_draft(
        by=town.other_member,
        organisation=town.other_org,
        forvaltning=town.sof,
        **factories.FULL_INITIATIVE | {"title": "Den andra"},
    )
    return services.initiative_submit(initiative=draft, by=town.other_member)


def test_search_for_an_unknown_number_says_nothing_matched(staff_client, town):
    town.submitted()
    response = changelist(staff_client, q="802999-9999")
    assert listed(response) == []
    assert "0 ärenden" in page_text(response)


def test_filters_by_handlaggare_status_year_and_due_date(staff_client, town):
    mine = town.submitted(title="Mitt")
    Initiative.objects.filter(pk=mine.pk).update(handlaggare=town.handlaggare)
    nobody = town.submitted(title="Ingens")
    assessed = town.in_assessment(title="Bedöms")
    overdue_watch(nobody, town.handlaggare)
    services.watch_date_add(initiative=assessed, by=town.handlaggare, due_date=TODAY(), what="Idag")
    year = str(TODAY().year)
    # Starting the assessment made its handläggare responsible for the case.
    assert set(listed(changelist(staff_client, handlaggare="mine"))) == {mine, assessed}
    assert set(listed(changelist(staff_client, handlaggare="none"))) == {nobody}
    assert listed(changelist(staff_client, status__exact="assessment")) == [assessed]
    assert len(listed(changelist(staff_client, ar=year))) == 3
    assert listed(changelist(staff_client, ar=str(TODAY().year - 1))) == []
    assert listed(changelist(staff_client, datum="overdue")) == [nobody]
    assert listed(changelist(staff_client, datum="week")) == [assessed]
    page = page_text(changelist(staff_client))
    for choice in ("Mina ärenden", "Ingen handläggare", "Försenat", "Denna vecka", year):
        assert choice in page
    # Colleagues are offered as handläggare; other förvaltningar's staff are not.
    assert "Sekreterare Testsson" in page and "Handlaggare_amf" not in page


@pytest.mark.parametrize("column", range(1, 8))
def test_every_column_sorts(staff_client, town, column):
    for i in range(3):
        town.submitted(title=f"Ärende {i}")
    for order in (str(column), f"-{column}"):
        assert len(listed(changelist(staff_client, o=order))) == 3


# --- Assignment in the admin --------------------------------------------------------------------


def test_a_handlaggare_assigns_a_case_on_its_page_with_a_note(
    staff_client, town, mailoutbox, django_capture_on_commit_callbacks
):
    case = town.submitted()
    colleague = factories.user("kollega", staff=True, forvaltning=town.sof)
    page = page_text(
        staff_client.get(reverse("admin:initiatives_initiative_change", args=[case.pk]))
    )
    assert "Tilldela handläggare" in page and "Kollega Testsson" in page
    assert "Handlaggare_amf" not in page  # other förvaltningar's staff are not offered
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("admin:initiatives_initiative_assign", args=[case.pk]),
            {"handlaggare": colleague.pk, "note": "Du kan området."},
            follow=True,
        )
    assert "Handläggaren är tilldelad." in page_text(response)
    case.refresh_from_db()
    assert case.handlaggare == colleague
    assert CaseAssignment.objects.get().note == "Du kan området."
    assert [m.to for m in mailoutbox] == [["kollega@example.org"]]


def test_assigning_staff_of_another_forvaltning_is_refused_in_swedish(staff_client, town):
    case = town.submitted()
    response = staff_client.post(
        reverse("admin:initiatives_initiative_assign", args=[case.pk]),
        {"handlaggare": town.handlaggare_amf.pk, "note": "Min anteckning"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["handlaggare"] == [
        "Den valda personen kan inte tilldelas: bara aktiv personal på ärendets förvaltning "
        "kan vara handläggare."
    ]
    assert "Min anteckning" in page_text(response)  # what was typed is kept
    case.refresh_from_db()
    assert case.handlaggare is None


def test_forged_posts_for_a_case_outside_the_scope_answer_404(staff_client, town):
    amf_case = town.submitted(forvaltning=town.amf)
    for name in ("assign", "dialogue", "watch_date"):
        response = staff_client.post(
            reverse(f"admin:initiatives_initiative_{name}", args=[amf_case.pk]),
            {"handlaggare": town.handlaggare.pk, "held_on": TODAY(), **MEETING},
        )
        assert response.status_code == 404, name
    draft = town.draft()
    response = staff_client.post(
        reverse("admin:initiatives_initiative_assign", args=[draft.pk]),
        {"handlaggare": town.handlaggare.pk},
    )
    assert response.status_code == 404
    assert not CaseAssignment.objects.exists() and not DialogueMeeting.objects.exists()


def test_bulk_assignment_asks_for_assignee_and_note_then_assigns(
    staff_client, town, mailoutbox, django_capture_on_commit_callbacks
):
    cases = [town.submitted(title=f"Ärende {i}") for i in range(3)]
    selected = [c.pk for c in cases[:2]]
    url = reverse(CHANGELIST)
    response = staff_client.post(url, {"action": "assign_selected", ACTION_CHECKBOX_NAME: selected})
    assert response.status_code == 200
    page = page_text(response)
    assert "Du tilldelar 2 ärenden" in page
    assert cases[0].diarienummer in page and cases[2].diarienummer not in page
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            url,
            {
                "action": "assign_selected",
                ACTION_CHECKBOX_NAME: selected,
                "apply": "1",
                "handlaggare": town.secretary.pk,
                "note": "Fördelning vecka 48",
            },
            follow=True,
        )
    assert "2 ärenden har nu Sekreterare Testsson som handläggare." in page_text(response)
    assert set(Initiative.objects.filter(handlaggare=town.secretary)) == set(cases[:2])
    assert len(mailoutbox) == 1


def test_bulk_assignment_with_a_forged_case_changes_nothing(staff_client, town):
    mine = town.submitted()
    amf_case = town.submitted(forvaltning=town.amf)
    response = staff_client.post(
        reverse(CHANGELIST),
        {
            "action": "assign_selected",
            ACTION_CHECKBOX_NAME: [mine.pk, amf_case.pk],
            "apply": "1",
            "handlaggare": town.handlaggare.pk,
        },
        follow=True,
    )
    assert "hör inte till din förvaltning. Inget har ändrats." in page_text(response)
    assert not Initiative.objects.filter(handlaggare__isnull=False).exists()


# --- Query budgets ------------------------------------------------------------------------------


def fill(town, count):
    generate_cases(
        count,
        forvaltningar=[town.sof],
        organisations=[town.org, town.other_org],
        staff=[town.handlaggare, town.secretary],
        created_by=town.member,
    )


# Session, user, the permission set (accounts.backends), the COUNT and the page of rows (not read
# when the COUNT is 0, so the year filtered on is one with a case of the handläggare's); a search
# for a word adds the organisation lookup (an organisationsnummer or a diarienummer is one
# statement). The filters' choices (colleagues, years) come from the cache after the first page.
@pytest.mark.parametrize(
    ("params", "queries"),
    [
        ({}, 5),
        ({"q": "läxhjälp"}, 6),
        ({"q": "802"}, 6),
        ({"q": "{org_number}"}, 5),
        ({"datum": "overdue", "o": "7"}, 5),
        ({"handlaggare": "mine", "ar": "{year}", "o": "-6"}, 5),
    ],
)
def test_the_case_list_runs_the_same_queries_for_10_and_500_cases(
    staff_client, town, django_assert_num_queries, params, queries
):
    fill(town, 10)
    year = Initiative.objects.filter(handlaggare=town.handlaggare).first().submitted_at.year
    params = {k: v.format(org_number=town.org.org_number, year=year) for k, v in params.items()}
    staff_client.get(reverse(CHANGELIST))  # warm the session and permission caches
    with django_assert_num_queries(queries):
        small = changelist(staff_client, **params)
    fill(town, 490)
    with django_assert_num_queries(queries):
        large = changelist(staff_client, **params)
    assert large.context["cl"].result_count >= small.context["cl"].result_count
    if not params:
        assert large.context["cl"].result_count == 500
        assert len(listed(large)) == 50


def test_the_start_page_runs_the_same_queries_for_10_and_500_cases(
    staff_client, town, django_assert_num_queries
):
    url = reverse("admin:initiatives_initiative_start")
    fill(town, 10)
    staff_client.get(url)
    # Session, user, the permission set; my cases, waiting cases, three kinds of dates
    # (bevakningar, report dates, ends of term), what waits for an answer (messages, comments on
    # the draft, reports to review), idle cases and the calendar link: one query each.
    with django_assert_num_queries(13):
        staff_client.get(url)
    fill(town, 490)
    with django_assert_num_queries(13):
        response = staff_client.get(url)
    assert len(response.context["mine"]) == 20  # the list is capped; the rest is a link away


def test_the_generator_keeps_the_diary_series_going(town):
    fill(town, 30)
    numbers = list(
        Initiative.objects.filter(forvaltning=town.sof).values_list("diarienummer", flat=True)
    )
    assert len(numbers) == len(set(numbers)) == 30
    case = town.submitted()
    assert case.diarienummer not in numbers and re.fullmatch(r"SOF \d{4}-\d{4}", case.diarienummer)


def test_a_superuser_sees_every_forvaltnings_queue_and_can_filter_by_it(client, town):
    sof_case = town.submitted(title="Hos SOF")
    amf_case = town.submitted(title="Hos AMF", forvaltning=town.amf)
    town.draft(title="Utkast")
    client.force_login(town.superuser)
    assert set(listed(changelist(client))) == {sof_case, amf_case}
    assert listed(changelist(client, forvaltning__id__exact=town.amf.pk)) == [amf_case]
    start = client.get(reverse("admin:initiatives_initiative_start"))
    assert {c.pk for c in start.context["waiting"]} == {sof_case.pk, amf_case.pk}


def test_the_case_page_reads_the_case_once(staff_client, town):
    case = town.submitted()
    url = reverse("admin:initiatives_initiative_change", args=[case.pk])
    staff_client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert staff_client.get(url).status_code == 200
    # The scope check's fetch is the one the admin's change view uses (core.admin).
    case_reads = [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].startswith("SELECT")
        and ' FROM "initiatives_initiative" ' in q["sql"]
        and f'"initiatives_initiative"."id" = {case.pk}' in q["sql"]
    ]
    assert len(case_reads) == 1, case_reads


def test_the_filters_offer_a_new_colleague_and_a_new_year_at_once(staff_client, town):
    # The choices are cached (initiatives.admin_filters); saving a user or opening a year's
    # diary series drops them.
    town.submitted(title="Första")
    page = page_text(changelist(staff_client))
    assert "Nykomling Testsson" not in page
    factories.user("nykomling", staff=True, forvaltning=town.sof)
    page = page_text(changelist(staff_client))
    assert "Nykomling Testsson" in page
    next_year = TODAY().year + 1
    assert f'?ar={next_year}"' not in page
    services.diarienummer_allocate(forvaltning=town.sof, year=next_year)
    assert f'?ar={next_year}"' in page_text(changelist(staff_client))


def test_a_login_keeps_the_cached_choices(client, staff_client, town, django_assert_num_queries):
    """Every login saves the user (its last_login); that is no reason to ask for the choices
    again on every queue page after it."""
    town.submitted(title="Första")
    changelist(staff_client)
    client.force_login(town.colleague)  # Django's login saves last_login
    with django_assert_num_queries(5):  # session, user, permissions, COUNT, rows: no choices
        changelist(staff_client)
