"""A handläggare's day in the admin, in a real headless Chromium against the live test server:
find a case by organisationsnummer, assign it, record a dialogue meeting (after a wrong date)."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from initiatives.models import CaseAssignment, DialogueMeeting

from .. import factories
from .test_browser import (  # noqa: F401 - fixtures shared with the organisation's browser tests
    browser_context_args,
    browser_type_launch_args,
    site,
    town_live,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def label(text: str):
    # Admin labels end in a colon, and a required field's may carry an asterisk.
    return re.compile(rf"^\s*{re.escape(text)}\s*:?\s*\*?\s*$")


def test_a_handlaggare_finds_a_case_by_org_number_assigns_it_and_records_a_dialogue(
    page: Page,
    site,  # noqa: F811
    town_live,  # noqa: F811
):
    town = town_live
    case = town.submitted(title="Läxhjälp i Demostad")
    town.submitted(title="Ett annat ärende", forvaltning=town.sof)
    colleague = factories.user("kollega", staff=True, forvaltning=town.sof)
    digits = town.org.org_number.replace("-", "")

    page.goto(site + reverse("admin:login") + "?next=" + reverse("admin:index"))
    page.get_by_label(label("Användarnamn")).fill("handlaggare")
    page.get_by_label(label("Lösenord")).fill(factories.PASSWORD)
    page.get_by_role("button", name="Logga in").click()

    page.get_by_role("link", name="Mitt arbete").first.click()
    expect(page.get_by_role("heading", name="Inkomna ärenden utan handläggare")).to_be_visible()
    page.get_by_role("link", name="Alla ärenden").click()

    # The case list's search form (the sidebar has a search box of its own).
    search = page.get_by_role("search", name="Sök efter ärenden").get_by_role("textbox")
    search.fill(digits)
    search.press("Enter")
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(2)  # both of the organisation's cases; no one else's
    expect(page.get_by_text("2 ärenden")).to_be_visible()
    search.fill(case.diarienummer)
    search.press("Enter")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Läxhjälpsföreningen")
    rows.first.get_by_role("link", name=case.diarienummer).click()

    expect(page.get_by_role("heading", name="Handläggning")).to_be_visible()
    page.get_by_label(label("Handläggare")).select_option(
        label="Kollega Testsson (Socialförvaltningen)"
    )
    page.get_by_label(label("Anteckning till handläggaren")).fill("Du har haft kontakt med dem.")
    page.get_by_role("button", name="Tilldela handläggare").click()
    expect(page.locator(".messagelist")).to_contain_text("Handläggaren är tilldelad.")
    assignment = CaseAssignment.objects.get(initiative=case)
    assert assignment.handlaggare == colleague and assignment.assigned_by == town.handlaggare
    assert [m.to for m in mail.outbox if "handläggare för ärende" in m.subject] == [
        ["kollega@example.org"]
    ]

    page.get_by_role("link", name="Anteckna dialogmöte").click()
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    typed = {
        "Mötesdatum": tomorrow,
        "Deltagare": "Kim Handläggare (SOF), Sara Lind (föreningen)",
        "Överenskommet om samhällsutmaningen": "Barn saknar lugn plats för läxor.",
        "Överenskommet om lösningen": "Läxhjälp på skolan; föreningen kommer med en budget.",
    }
    for name, value in typed.items():
        page.get_by_label(label(name)).fill(value)
    page.get_by_role("button", name="Spara").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Mötesdatumet ligger i framtiden.")
    for name, value in typed.items():  # nothing typed is lost
        expect(page.get_by_label(label(name))).to_have_value(value)
    assert not DialogueMeeting.objects.exists()

    summary.get_by_role("link").click()
    expect(page.get_by_label(label("Mötesdatum"))).to_be_focused()
    page.get_by_label(label("Mötesdatum")).fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Spara").click()
    expect(page.locator(".messagelist")).to_contain_text("Dialogmötet är antecknat.")
    expect(page.get_by_text(typed["Överenskommet om lösningen"])).to_be_visible()
    meeting = DialogueMeeting.objects.get(initiative=case)
    assert meeting.held_on == timezone.localdate() and meeting.recorded_by == town.handlaggare
