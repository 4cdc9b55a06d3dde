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
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from initiatives.models import Initiative, Status
from term.models import FollowUpReport

from .. import factories, files

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


NEXT = "Spara och fortsätt"
# The wizard's steps and the labels each one asks for.
STEP_LABELS = {
    "Samhällsutmaningen": ("Samhällsutmaning", "Målgrupp", "Politiskt program eller plan"),
    "Verksamheten": ("Föreslagen verksamhet", "Föreslagen start", "Föreslaget slut"),
    "Resurser": (
        "Organisationens egen insats",
        "Begärt belopp per år (kr)",
        "Andra resurser från kommunen",
    ),
}


def expect_step(page: Page, title: str) -> None:
    expect(page.locator("[aria-current=step]")).to_contain_text(title)


def first_step(page: Page, site: str) -> None:
    page.goto(site + reverse("initiatives:my_cases"))
    page.get_by_role("link", name="Lämna ett nytt initiativ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nytt initiativ")
    field(page, "Rubrik").fill(TYPED["Rubrik"])
    field(page, "Förvaltning").select_option(label=FORVALTNING)
    page.get_by_role("button", name=NEXT, exact=True).click()


def fill_step(page: Page, title: str, values: dict) -> None:
    expect_step(page, title)
    for label in STEP_LABELS[title]:
        field(page, label).fill(values[label])
    page.get_by_role("button", name=NEXT, exact=True).click()


def test_organisation_completes_the_wizard_with_an_upload_after_fixing_an_invalid_field(
    page: Page, site, town_live
):
    log_in(page, site, "medlem")
    first_step(page, site)
    fill_step(page, "Samhällsutmaningen", TYPED)
    fill_step(page, "Verksamheten", TYPED | {"Föreslaget slut": END_BEFORE_START})

    # The error is in the summary at the top, linked to the field, and next to the field.
    summary = page.get_by_role("alert")
    expect(summary.get_by_role("heading")).to_have_text("Rätta följande innan du fortsätter:")
    expect(summary.get_by_role("link")).to_have_text(f"Föreslaget slut: {END_BEFORE_START_ERROR}")
    expect(page.locator("#div_id_term_end").get_by_text(END_BEFORE_START_ERROR)).to_be_visible()
    expect(field(page, "Föreslaget slut")).to_have_value(END_BEFORE_START)  # nothing typed lost
    expect(field(page, "Föreslagen verksamhet")).to_have_value(TYPED["Föreslagen verksamhet"])
    summary.get_by_role("link").click()
    expect(field(page, "Föreslaget slut")).to_be_focused()
    field(page, "Föreslaget slut").fill(TYPED["Föreslaget slut"])
    page.get_by_role("button", name=NEXT, exact=True).click()

    fill_step(page, "Resurser", TYPED)
    expect_step(page, "Bilagor")
    # A mislabelled file is refused next to the field; its description stays.
    page.get_by_label("Fil", exact=True).set_input_files(
        {"name": "stadgar.png", "mimeType": "image/png", "buffer": files.pdf_bytes()}
    )
    page.get_by_label("Beskrivning av filen").fill("Stadgar")
    page.get_by_role("button", name="Ladda upp filen").click()
    expect(page.locator("#div_id_file")).to_contain_text("heter .png men innehållet är PDF")
    expect(page.get_by_label("Beskrivning av filen")).to_have_value("Stadgar")
    page.get_by_label("Fil", exact=True).set_input_files(
        {"name": "stadgar.pdf", "mimeType": "application/pdf", "buffer": files.pdf_bytes()}
    )
    page.get_by_role("button", name=NEXT, exact=True).click()

    expect_step(page, "Granska och skicka in")
    main = page.get_by_role("main")
    for value in (TYPED["Samhällsutmaning"], TYPED["Föreslaget slut"], "stadgar.pdf", "Stadgar"):
        expect(main).to_contain_text(value)
    expect(main).not_to_contain_text("Det här saknas")
    page.get_by_role("button", name="Skicka in initiativet").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(TYPED["Rubrik"])
    dnr = page.locator("#diarienummer")
    expect(dnr).to_have_text(re.compile(r"^SOF \d{4}-0001$"))
    expect(page.get_by_role("status")).to_contain_text(
        f"Initiativet är inskickat och registrerat med diarienummer {dnr.inner_text()}."
    )
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner kvittens (PDF)").click()
    assert download.value.suggested_filename.startswith("kvittens-SOF")

    case = Initiative.objects.get()  # exactly one: the failed step made no second draft
    assert case.status == Status.SUBMITTED
    assert case.diarienummer == f"SOF {timezone.localdate(case.submitted_at).year}-0001"
    assert str(case.term_end) == TYPED["Föreslaget slut"]
    assert case.requested_amount_per_year == int(TYPED["Begärt belopp per år (kr)"])
    assert [a.original_name for a in case.attachments.all()] == ["stadgar.pdf"]


def test_a_draft_left_midway_resumes_on_another_device(page: Page, site, town_live, browser):
    log_in(page, site, "medlem")
    first_step(page, site)
    fill_step(page, "Samhällsutmaningen", TYPED)
    expect_step(page, "Verksamheten")
    field(page, "Föreslagen verksamhet").fill(TYPED["Föreslagen verksamhet"])
    page.get_by_role("button", name="Spara och fortsätt senare").click()
    expect(page.get_by_role("status")).to_have_text("Utkastet är sparat. Du kan fortsätta senare.")

    other_device = browser.new_context(reduced_motion="reduce")
    try:
        phone = other_device.new_page()
        phone.set_default_timeout(5_000)
        log_in(phone, site, "medlem")
        row = phone.get_by_role("row", name=re.compile(re.escape(TYPED["Rubrik"])))
        expect(row).to_contain_text("Utkast")
        row.get_by_role("link", name=TYPED["Rubrik"]).click()
        expect_step(phone, "Verksamheten")  # where it was left
        expect(field(phone, "Föreslagen verksamhet")).to_have_value(TYPED["Föreslagen verksamhet"])
        phone.get_by_role("link", name="2. Samhällsutmaningen").click()
        expect(field(phone, "Samhällsutmaning")).to_have_value(TYPED["Samhällsutmaning"])
    finally:
        other_device.close()


def tab_to(page: Page, element_id: str, limit: int = 60) -> None:
    """Press Tab until the element with `element_id` has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
    raise AssertionError(f"#{element_id} cannot be reached with Tab")


def tab_to_button(page: Page, name: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == name:
            return
    raise AssertionError(f"button {name!r} cannot be reached with Tab")


def test_the_wizard_can_be_completed_with_the_keyboard_alone(page: Page, site, town_live):
    log_in(page, site, "medlem")
    page.goto(site + reverse("initiatives:create"))
    typed = {
        "id_title": TYPED["Rubrik"],
        "id_challenge": TYPED["Samhällsutmaning"],
        "id_target_group": TYPED["Målgrupp"],
        "id_political_programme": TYPED["Politiskt program eller plan"],
        "id_activity": TYPED["Föreslagen verksamhet"],
        "id_own_contribution": TYPED["Organisationens egen insats"],
        "id_requested_amount_per_year": "200000",
    }
    steps = [
        ["id_title", "id_forvaltning"],
        ["id_challenge", "id_target_group", "id_political_programme"],
        ["id_activity", "id_term_start", "id_term_end"],
        ["id_own_contribution", "id_requested_amount_per_year"],
    ]
    titles = ["Samhällsutmaningen", "Verksamheten", "Resurser", "Bilagor"]
    for ids, next_title in zip(steps, titles, strict=True):
        for element_id in ids:
            tab_to(page, element_id)
            if element_id == "id_forvaltning":
                page.keyboard.type("Soc")
            elif element_id in ("id_term_start", "id_term_end"):
                # Chromium's date field in the en-US locale: month, day, year.
                page.keyboard.type("01012027" if element_id == "id_term_start" else "12312027")
            else:
                page.keyboard.type(typed[element_id])
        tab_to_button(page, NEXT)
        page.keyboard.press("Enter")
        expect_step(page, next_title)

    tab_to(page, "id_file")
    chooser = _open_file_chooser_with_keys(page)
    chooser.set_files(
        {"name": "budget.pdf", "mimeType": "application/pdf", "buffer": files.pdf_bytes()}
    )
    tab_to(page, "id_description")
    page.keyboard.type("Budget")
    tab_to_button(page, NEXT)
    page.keyboard.press("Enter")
    expect_step(page, "Granska och skicka in")
    expect(page.get_by_role("main")).not_to_contain_text("Det här saknas")
    tab_to_button(page, "Skicka in initiativet")
    page.keyboard.press("Enter")
    expect(page.locator("#diarienummer")).to_have_text(re.compile(r"^SOF \d{4}-0001$"))
    case = Initiative.objects.get()
    assert case.forvaltning == town_live.sof
    assert str(case.term_start) == "2027-01-01" and str(case.term_end) == "2027-12-31"
    assert case.attachments.get().description == "Budget"


def test_a_message_exchange_between_organisation_and_handlaggare(page: Page, site, town_live):
    case = town_live.submitted()
    log_in(page, site, "medlem")
    page.goto(site + case.get_absolute_url())
    page.get_by_role("link", name="Meddelanden med förvaltningen").click()
    expect(page.get_by_role("main")).to_contain_text("Inga meddelanden ännu")
    field(page, "Meddelande").fill("När kan vi ha dialogmötet?")
    page.get_by_role("button", name="Skicka meddelandet").click()
    expect(page.get_by_role("status")).to_contain_text("Meddelandet är skickat och diariefört.")
    page.get_by_role("button", name="Logga ut").click()

    log_in(page, site, "handlaggare")
    page.goto(site + reverse("admin:initiatives_initiative_change", args=[case.pk]))
    expect(page.locator("body")).to_contain_text("När kan vi ha dialogmötet?")
    page.get_by_role("link", name="Skriv till organisationen").click()
    page.locator("#id_body").fill("Tisdag 10.00 i stadshuset.")
    page.get_by_role("button", name="Skicka").click()
    expect(page.locator("body")).to_contain_text("Tisdag 10.00 i stadshuset.")
    page.get_by_role("button", name=re.compile("Logga ut|Log out")).first.click()

    log_in(page, site, "medlem")
    page.goto(site + reverse("initiatives:messages", args=[case.pk]))
    messages_list = page.locator("ol.messages li")
    expect(messages_list).to_have_count(2)
    expect(messages_list.nth(1)).to_contain_text("Tisdag 10.00 i stadshuset.")
    expect(messages_list.nth(1)).to_contain_text("förvaltningen")


def test_a_follow_up_report_is_filled_in_and_submitted(page: Page, site, town_live):
    case = town_live.active()
    log_in(page, site, "medlem")
    page.goto(site + case.get_absolute_url())
    page.get_by_role("link", name="Lämna delrapport").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delrapport")
    field(page, "Genomförda aktiviteter").fill("Läxhjälp tre kvällar i veckan hela terminen.")
    field(page, "Antal deltagare som nåtts").fill("-3")
    field(page, "Använt av kommunens bidrag 2027 (kr)").fill("95000")
    page.get_by_role("button", name="Skicka in rapporten").click()
    expect(page.get_by_role("alert")).to_contain_text("Antalet kan inte vara negativt.")
    expect(field(page, "Använt av kommunens bidrag 2027 (kr)")).to_have_value("95000")
    field(page, "Antal deltagare som nåtts").fill("38")
    page.get_by_label("Bifoga en fil (frivilligt)").set_input_files(
        {"name": "narvaro.pdf", "mimeType": "application/pdf", "buffer": files.pdf_bytes()}
    )
    page.get_by_role("button", name="Skicka in rapporten").click()
    expect(page.get_by_role("status")).to_contain_text("Rapporten är inskickad och diarieförd.")
    expect(page.get_by_role("main")).to_contain_text("Delrapport inskickad")
    report = FollowUpReport.objects.get()
    assert report.participants_reached == 38
    assert report.lines.get().amount_used_sek == 95000
    assert report.attachments.get().original_name == "narvaro.pdf"


def _open_file_chooser_with_keys(page):
    """Open the focused file field's chooser by key, as a person would: Enter, then Space.

    Headless Chromium under load sometimes drops the first activation of a file field (no
    chooser appears); a person would press again, so the test does too, still with keys only.
    """
    for key in ("Enter", "Space", "Enter", "Space"):
        try:
            with page.expect_file_chooser(timeout=3000) as chooser:
                page.keyboard.press(key)
        except PlaywrightTimeoutError:
            continue
        return chooser.value
    raise AssertionError("No file chooser opened from the keyboard on the focused file field.")
