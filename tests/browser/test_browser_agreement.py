"""A handläggare drafts an agreement in the admin, in a real headless Chromium."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from agreements.models import Agreement, ClauseKind, Party

from .. import factories
from .test_browser import browser_context_args, browser_type_launch_args, site  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NEW_PURPOSE = "Att ge barn i trångbodda hem lugn och stöd för skolarbetet <varje vecka>."


@pytest.fixture
def town_live(transactional_db):
    return factories.Town.create()


def test_handlaggare_drafts_an_agreement_from_the_template(page: Page, site, town_live):  # noqa: F811
    case = town_live.assessed()
    page.goto(site + reverse("admin:login"))
    page.locator("#id_username").fill("handlaggare")
    page.locator("#id_password").fill(factories.PASSWORD)
    page.locator("input[type=submit]").click()
    page.goto(site + reverse("admin:initiatives_initiative_change", args=[case.pk]))

    # Start from the template: the clauses come filled with the case's data.
    page.get_by_role("button", name="Ta fram avtalsutkast").click()
    purpose = page.locator("#id_clauses-0-text")
    expect(purpose).to_have_value(case.challenge)
    expect(page.locator("#id_clauses-8-text")).to_contain_text("betala tillbaka")
    # The organisation's own contribution has no valuation yet: the warning says so.
    expect(page.get_by_role("alert")).to_contain_text("Kommunen står för hela finansieringen")

    # Edit a clause and add the organisation's volunteer hours.
    purpose.fill(NEW_PURPOSE)
    page.get_by_role("button", name="Lägg till ytterligare Insats").click()
    row = page.locator("#contributions-group tr.dynamic-contributions").last
    row.locator("input[name$='-year']").fill("2027")
    row.locator("select[name$='-party']").select_option(Party.ORGANISATION)
    row.locator("select[name$='-in_kind_type']").select_option("volunteer_hours")
    row.locator("textarea[name$='-in_kind_description']").fill("Ideella läxhjälpare")
    row.locator("input[name$='-in_kind_hours']").fill("1200")
    row.locator("input[name$='-in_kind_value_sek']").fill("240000")
    page.get_by_role("button", name="Spara och fortsätt redigera").click()

    expect(page.locator("ul.messagelist")).to_contain_text("Sparat som version 2.")
    expect(page.get_by_role("alert")).to_have_count(0)
    summary = page.locator(".agreement-summary")
    organisation = summary.get_by_role("row", name="Organisationen 0 kr")
    expect(organisation).to_contain_text("240 000 kr")
    expect(organisation).to_contain_text("54,5 %")
    expect(page.locator("#id_clauses-0-text")).to_have_value(NEW_PURPOSE)

    # The difference between the two versions, readable and escaped.
    page.get_by_role("link", name="Jämför versioner").click()
    expect(page.get_by_role("heading", name="Jämför versioner av avtalet")).to_be_visible()
    expect(page.locator("del").first).to_contain_text(case.challenge)
    expect(page.locator("ins").first).to_contain_text(NEW_PURPOSE)
    expect(page.locator(".agreement-diff", has_text="Insatser").locator("ins")).to_contain_text(
        "Ideella timmar (Ideella läxhjälpare, 1200 timmar) värderat till 240 000 kr"
    )

    agreement = Agreement.objects.get(initiative=case)
    assert agreement.clauses.get(kind=ClauseKind.PURPOSE).text == NEW_PURPOSE
    assert agreement.purpose == NEW_PURPOSE
    assert agreement.versions.count() == 2
    volunteer = agreement.contributions.get(
        party=Party.ORGANISATION, in_kind_type="volunteer_hours"
    )
    assert (volunteer.in_kind_hours, volunteer.in_kind_value_sek) == (1200, 240000)
    assert agreement.term_end == datetime.date(2027, 12, 31)
