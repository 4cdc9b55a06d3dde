"""The case page's registry: later stages' parts appear in lifecycle order, at a fixed cost."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agreements.models import Contribution, Party, ReportDate
from initiatives import extensions
from term import services as term_services

pytestmark = pytest.mark.django_db


def test_the_stages_register_their_parts_in_lifecycle_order():
    assert [part.template.split("/")[1] for part in extensions.case_page_parts] == [
        "assessments",
        "agreements",
        "decisions",
        "namnd",
        "term",
        "term",  # the end of the term: termination, evaluation by goal, renewal links
    ]


def _case_page(client, case):
    return client.get(reverse("admin:initiatives_initiative_change", args=[case.pk]))


def test_an_active_case_page_shows_each_stages_buttons_in_order(client, town):
    # The nämnd's secretary handles the case and may also export its decision documents.
    client.force_login(town.secretary)
    page = _case_page(client, town.active()).content.decode()
    order = ["Öppna bedömningen", "Öppna avtalet", "Protokollsutdrag §", "Utvärdera partnerskapet"]
    assert [text for text in order if text not in page] == []
    positions = [page.index(text) for text in order]
    assert positions == sorted(positions)


def test_a_stage_part_with_nothing_to_show_adds_nothing(staff_client, town):
    page = _case_page(staff_client, town.submitted()).content.decode()
    assert "Starta bedömning" in page
    assert "Öppna avtalet" not in page
    assert "Protokollsutdrag §" not in page


def test_an_unknown_posted_action_is_not_found(staff_client, town):
    case = town.submitted()
    url = reverse("admin:initiatives_initiative_action", args=[case.pk, "delete_everything"])
    assert staff_client.post(url).status_code == 404


def test_the_case_page_costs_the_same_with_more_decisions_and_reports(staff_client, town):
    case = town.active()
    url = reverse("admin:initiatives_initiative_change", args=[case.pk])
    staff_client.get(url)  # warm the session and the content types
    with CaptureQueriesContext(connection) as first:
        assert staff_client.get(url).status_code == 200
    agreement = case.agreement
    lines = Contribution.objects.filter(agreement=agreement, party=Party.MUNICIPALITY)
    for n in range(5):
        report_date = ReportDate.objects.create(
            agreement=agreement,
            due_date=agreement.term_end - datetime.timedelta(days=n + 1),
            description=f"Extra rapport {n}",
        )
        term_services.report_submit(
            report_date=report_date,
            by=town.member,
            activities_done="Läxhjälp varje vecka",
            participants_reached=10,
            money_used={line.pk: 0 for line in lines},
        )
    town.active(paragraph=7)  # another case's decision must not be counted either
    with CaptureQueriesContext(connection) as second:
        assert staff_client.get(url).status_code == 200
    assert len(second.captured_queries) == len(first.captured_queries)
    assert _case_page(staff_client, case).content.decode().count("Uppföljningsrapport för") >= 5
