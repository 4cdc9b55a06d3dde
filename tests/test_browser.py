"""The organisation's key flows in a real headless Chromium, against the live test server.

Chromium is Debian's (/usr/bin/chromium); Playwright's own browser download is not used. The
browser may talk only to the live server on 127.0.0.1: any other request is aborted and fails the
test.
"""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from initiatives.models import Initiative, Status

from . import factories

pytestmark = [
    pytest.mark.browser,
    # live_server needs a transactional database. Its flush after each test would also remove
    # the criteria sets made by a data migration, which Town needs: serialized_rollback restores
    # them before each test.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# What the organisation types into the new-initiative form, by the label the user sees.
TYPED = {
    "Rubrik": "Läxhjälp i Demostad",
    "Samhällsutmaning": "Barn i trångboddhet saknar lugn plats och stöd för skolarbetet.",
    "Föreslagen verksamhet": "Läxhjälp tre kvällar i veckan med ideella läxhjälpare.",
    "Målgrupp": "Elever i årskurs 4–9.",
    "Politiskt program eller plan": "Kommunens plan för ökad likvärdighet i skolan.",
    "Föreslagen start": "2027-01-01",
    "Föreslaget slut": "2027-12-31",
    "Organisationens egen insats": "Ideella läxhjälpare och samordning, 1 200 timmar per år.",
    "Begärt belopp per år (kr)": "200000",
    "Andra resurser från kommunen": "Lokal i skolan tre kvällar i veckan.",
}
FORVALTNING = "Socialförvaltningen"
END_BEFORE_START = "2026-12-31"
END_BEFORE_START_ERROR = "Slutdatumet måste vara samma dag som eller efter startdatumet."


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
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


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # Bootstrap scrolls smoothly unless the user prefers reduced motion; every click on a button
    # below the fold would otherwise wait for the scroll animation to end.
    return {**browser_context_args, "reduced_motion": "reduce"}


@pytest.fixture
def town_live(transactional_db):
    """The Town of conftest, committed so that the live server's thread can see it."""
    return factories.Town.create()


@pytest.fixture
def site(live_server, page: Page):
    """The live server's address on 127.0.0.1; the page may load nothing from anywhere else."""
    base = f"http://127.0.0.1:{live_server.thread.port}"
    elsewhere = []

    def only_live_server(route):
        if route.request.url.startswith(base + "/"):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    page.set_default_timeout(5_000)
    page.route("**/*", only_live_server)
    yield base
    assert elsewhere == [], "the browser tried to reach something other than the live server"


def field(page: Page, label: str):
    """The form control labelled `label` (a required field's label ends in an asterisk)."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def selected_option(page: Page, label: str):
    return field(page, label).locator("option:checked")


def log_in(page: Page, site: str, username: str) -> None:
    page.goto(site + reverse("login"))
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(factories.PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mina ärenden")


def expect_values(page: Page, values: dict) -> None:
    for label, value in values.items():
        expect(field(page, label)).to_have_value(value)


def test_organisation_submits_an_initiative_after_fixing_an_invalid_field(
    page: Page, site, town_live
):
    log_in(page, site, "medlem")
    page.get_by_role("link", name="Lämna ett nytt initiativ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nytt initiativ")

    typed = TYPED | {"Föreslaget slut": END_BEFORE_START}
    for label, value in typed.items():
        field(page, label).fill(value)
    field(page, "Förvaltning").select_option(label=FORVALTNING)
    page.get_by_role("button", name="Skicka in").click()

    # The error is in the summary at the top, linked to the field...
    summary = page.get_by_role("alert")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading")).to_have_text("Rätta följande innan du fortsätter:")
    expect(summary.get_by_role("link")).to_have_text(f"Föreslaget slut: {END_BEFORE_START_ERROR}")
    assert summary.bounding_box()["y"] < field(page, "Rubrik").bounding_box()["y"]
    # ...and next to the field itself; nowhere else.
    term_end = field(page, "Föreslaget slut")
    next_to_field = page.locator("#div_id_term_end").get_by_text(END_BEFORE_START_ERROR)
    expect(next_to_field).to_be_visible()
    expect(page.get_by_role("main").get_by_text(END_BEFORE_START_ERROR)).to_have_count(2)
    expect(page.get_by_role("status")).to_contain_text(
        "Utkastet är sparat, men några uppgifter behöver rättas innan det kan skickas in."
    )
    # Nothing typed is lost, the invalid date included.
    expect_values(page, typed)
    expect(selected_option(page, "Förvaltning")).to_have_text(FORVALTNING)
    assert Initiative.objects.get().status == Status.DRAFT

    summary.get_by_role("link").click()
    expect(term_end).to_be_focused()
    term_end.fill(TYPED["Föreslaget slut"])
    page.get_by_role("button", name="Skicka in").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(TYPED["Rubrik"])
    dnr = page.locator("#diarienummer")
    expect(dnr).to_have_text(re.compile(r"^SOF \d{4}-0001$"))
    expect(page.get_by_role("status")).to_contain_text(
        f"Initiativet är inskickat och registrerat med diarienummer {dnr.inner_text()}."
    )
    expect(page.get_by_role("main")).not_to_contain_text(END_BEFORE_START_ERROR)

    case = Initiative.objects.get()  # exactly one: the failed submit made no second draft
    assert case.status == Status.SUBMITTED
    assert case.diarienummer == dnr.inner_text()
    assert case.diarienummer == f"SOF {timezone.localdate(case.submitted_at).year}-0001"
    assert case.forvaltning == town_live.sof
    assert str(case.term_end) == TYPED["Föreslaget slut"]
    assert case.requested_amount_per_year == int(TYPED["Begärt belopp per år (kr)"])


def test_a_saved_draft_survives_logging_out_and_can_be_resumed(page: Page, site, town_live):
    log_in(page, site, "medlem")
    page.goto(site + reverse("initiatives:create"))
    first_part = {
        label: TYPED[label]
        for label in ("Rubrik", "Samhällsutmaning", "Föreslagen start", "Begärt belopp per år (kr)")
    }
    for label, value in first_part.items():
        field(page, label).fill(value)
    field(page, "Förvaltning").select_option(label=FORVALTNING)
    page.get_by_role("button", name="Spara utkast").click()
    expect(page.get_by_role("status")).to_have_text("Utkastet är sparat. Du kan fortsätta senare.")

    page.get_by_role("button", name="Logga ut").click()
    menu = page.get_by_role("navigation", name="Huvudmeny")
    expect(menu.get_by_role("link", name="Logga in")).to_be_visible()
    page.goto(site + reverse("initiatives:my_cases"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Logga in")

    log_in(page, site, "medlem")
    row = page.get_by_role("row", name=re.compile(re.escape(TYPED["Rubrik"])))
    expect(row).to_contain_text("Utkast")
    row.get_by_role("link", name=TYPED["Rubrik"]).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Ändra initiativ")
    expect_values(page, first_part)
    expect(selected_option(page, "Förvaltning")).to_have_text(FORVALTNING)
    expect(field(page, "Föreslaget slut")).to_have_value("")

    # Resume: fill in the rest and send it in; the draft becomes the case.
    for label, value in TYPED.items():
        if label not in first_part:
            field(page, label).fill(value)
    page.get_by_role("button", name="Skicka in").click()
    expect(page.locator("#diarienummer")).to_have_text(re.compile(r"^SOF \d{4}-0001$"))

    case = Initiative.objects.get()
    assert case.status == Status.SUBMITTED
    assert case.diarienummer == page.locator("#diarienummer").inner_text()
    assert case.challenge == TYPED["Samhällsutmaning"]
