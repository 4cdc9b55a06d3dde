"""The organisation's key flow in a real headless Chromium, against the live test server."""

import re

import pytest
from playwright.sync_api import Page, expect

from initiatives.models import Initiative, Status

from . import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Playwright's own browser download is not available here; Debian's Chromium is.
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def town_live(live_server):
    return factories.Town.create()


def field(page: Page, label: str):
    """The input labelled `label`; required fields carry an asterisk after the label text."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def log_in(page: Page, base: str, username: str) -> None:
    page.set_default_timeout(10_000)
    page.goto(f"{base}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(factories.PASSWORD)
    page.locator("main").get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", name="Mina ärenden")).to_be_visible()


def fill_initiative(page: Page, **overrides) -> None:
    values = {
        "Rubrik": "Läxhjälp i Demostad",
        "Samhällsutmaning": "Barn i trångboddhet saknar lugn plats för skolarbetet.",
        "Föreslagen verksamhet": "Läxhjälp tre kvällar i veckan.",
        "Målgrupp": "Elever i årskurs 4–9.",
        "Politiskt program eller plan": "Kommunens plan för likvärdig skola.",
        "Föreslagen start": "2027-01-01",
        "Föreslaget slut": "2027-12-31",
        "Organisationens egen insats": "Ideella läxhjälpare, 1 200 timmar per år.",
        "Begärt belopp per år (kr)": "200000",
        "Andra resurser från kommunen": "Lokal i skolan.",
    } | overrides
    for label, value in values.items():
        field(page, label).fill(value)
    field(page, "Förvaltning").select_option(label="Socialförvaltningen")


def test_organisation_submits_an_initiative_fixing_an_error_on_the_way(
    page: Page, live_server, town_live
):
    log_in(page, live_server.url, "medlem")
    page.get_by_role("link", name="Lämna ett nytt initiativ").click()
    fill_initiative(page, **{"Föreslaget slut": "2026-06-30"})
    page.get_by_role("button", name="Skicka in").click()

    message = "Slutdatumet måste vara samma dag som eller efter startdatumet."
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text(message)
    field_error = page.locator("#id_term_end").locator("xpath=..").locator(".invalid-feedback")
    expect(field_error).to_contain_text(message)
    # Nothing typed is lost; the valid parts are already saved as a draft.
    expect(field(page, "Samhällsutmaning")).to_have_value(
        "Barn i trångboddhet saknar lugn plats för skolarbetet."
    )
    expect(field(page, "Föreslaget slut")).to_have_value("2026-06-30")
    draft = Initiative.objects.get()
    assert draft.status == Status.DRAFT and draft.activity == "Läxhjälp tre kvällar i veckan."

    summary.get_by_role("link").first.click()
    expect(page.locator("#id_term_end")).to_be_focused()
    field(page, "Föreslaget slut").fill("2027-12-31")
    page.get_by_role("button", name="Skicka in").click()

    case = Initiative.objects.get()
    assert case.status == Status.SUBMITTED
    expect(page.locator("#diarienummer")).to_have_text(case.diarienummer)
    expect(page.get_by_role("status")).to_contain_text(f"diarienummer {case.diarienummer}")
    assert case.diarienummer.startswith("SOF ")


def test_a_saved_draft_can_be_resumed_after_logging_out(page: Page, live_server, town_live):
    log_in(page, live_server.url, "medlem")
    page.goto(f"{live_server.url}/initiativ/nytt/")
    field(page, "Rubrik").fill("Halvfärdigt initiativ")
    field(page, "Målgrupp").fill("Unga vuxna")
    page.get_by_role("button", name="Spara utkast").click()
    expect(page.get_by_role("status")).to_contain_text("Utkastet är sparat")

    page.get_by_role("button", name="Logga ut").click()
    log_in(page, live_server.url, "medlem")
    page.get_by_role("link", name="Halvfärdigt initiativ").click()
    expect(field(page, "Målgrupp")).to_have_value("Unga vuxna")
    assert Initiative.objects.get().status == Status.DRAFT
