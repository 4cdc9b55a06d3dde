"""The public pages in headless Chromium: the IOP guide into a new initiative, the register."""

import csv
import io
import re

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse
from playwright.sync_api import Page, expect

from assessments.models import Criterion

from .. import factories
from ..factories_public import partnerships_bulk
from ..public._support import fill_guide
from . import test_browser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

browser_type_launch_args = test_browser.browser_type_launch_args
browser_context_args = test_browser.browser_context_args
site = test_browser.site


@pytest.fixture
def town_live(transactional_db):
    town = factories.Town.create()
    fill_guide()
    return town


def answer(page: Page, question: str, choice: str) -> None:
    page.get_by_role("group", name=re.compile(re.escape(question))).get_by_label(choice).check()


def test_the_guide_explains_its_answer_and_carries_it_into_a_new_initiative(
    page: Page, site, town_live
):
    page.goto(site + reverse("home"))
    page.get_by_role("contentinfo").get_by_role("link", name="Är IOP rätt form?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Är IOP rätt form?")
    page.get_by_label("Vilken förvaltning gäller er idé?").select_option(
        label="Socialförvaltningen"
    )
    page.get_by_role("button", name="Visa frågorna").click()

    criteria = list(
        Criterion.objects.filter(criteria_set=town_live.sof.criteria_set).order_by("position")
    )
    # Submitting with one question unanswered is refused next to it, and nothing is lost.
    for criterion in criteria[1:]:
        answer(page, criterion.guide_question, "Ja")
    page.get_by_label("Samhällsutmaning").fill("Barn i trångboddhet saknar lugn plats.")
    page.get_by_role("button", name="Visa svaret").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Välj ja, nej eller vet inte.")
    summary.get_by_role("link").click()
    expect(
        page.get_by_role("group", name=re.compile("Kommer idén")).get_by_label("Ja")
    ).to_be_focused()
    expect(page.get_by_label("Samhällsutmaning")).to_have_value(
        "Barn i trångboddhet saknar lugn plats."
    )

    # A "no" to the market question points to upphandling, with the reason.
    answer(page, criteria[0].guide_question, "Ja")
    answer(page, criteria[3].guide_question, "Nej")
    page.get_by_label("Organisationens egen insats").fill("Ideella läxhjälpare.")
    page.get_by_role("button", name="Visa svaret").click()
    expect(
        page.get_by_role("heading", level=2, name="Upphandling är troligen rätt väg")
    ).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(criteria[3].guide_question)
    expect(page.get_by_role("main")).to_contain_text("Christina Grönberg")
    expect(page.get_by_role("link", name="Gå vidare till ett nytt initiativ")).to_have_count(0)

    # Again, all yes: IOP is worth exploring, and the answers go on into a new initiative.
    page.get_by_role("link", name="Svara på frågorna igen").click()
    for criterion in criteria:
        answer(page, criterion.guide_question, "Ja")
    page.get_by_label("Samhällsutmaning").fill("Barn i trångboddhet saknar lugn plats.")
    page.get_by_label("Organisationens egen insats").fill("Ideella läxhjälpare.")
    page.get_by_role("button", name="Visa svaret").click()
    expect(page.get_by_role("heading", level=2, name="IOP är värt att utforska")).to_be_visible()
    page.get_by_role("link", name="Gå vidare till ett nytt initiativ").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Logga in")
    page.get_by_label("Användarnamn").fill("medlem")
    page.get_by_label("Lösenord").fill(factories.PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nytt initiativ")
    session_key = next(c["value"] for c in page.context.cookies() if c["name"] == "sessionid")
    assert SessionStore(session_key).load()["iop_guide_answers"] == {
        "forvaltning": town_live.sof.pk,
        "challenge": "Barn i trångboddhet saknar lugn plats.",
        "own_contribution": "Ideella läxhjälpare.",
    }
    # Nothing is typed twice: the wizard starts from the answers.
    expect(page.get_by_label("Förvaltning")).to_have_value(str(town_live.sof.pk))
    page.get_by_label("Rubrik").fill("Läxhjälp i trångboddhet")
    page.get_by_role("button", name="Spara och fortsätt", exact=True).click()
    expect(page.get_by_label("Samhällsutmaning")).to_have_value(
        "Barn i trångboddhet saknar lugn plats."
    )


def test_the_register_searches_filters_and_downloads_csv(page: Page, site, town_live):
    partnerships_bulk(
        25, forvaltningar=[town_live.sof, town_live.amf], created_by=town_live.handlaggare
    )
    page.goto(site + reverse("home"))
    page.get_by_role("contentinfo").get_by_role("link", name="Kommunens partnerskap").click()
    expect(page.get_by_role("status")).to_have_text("25 partnerskap")
    expect(page.get_by_role("heading", level=2, name=re.compile("^Partnerskap "))).to_have_count(20)
    page.get_by_role("link", name="Nästa").click()
    expect(page.get_by_role("heading", level=2, name=re.compile("^Partnerskap "))).to_have_count(5)

    page.get_by_label(re.compile("^Sök på organisation")).fill("nummer 500007")
    page.get_by_role("button", name="Sök").click()
    expect(page.get_by_role("status")).to_contain_text("1 partnerskap")
    expect(page.get_by_role("heading", level=2, name="Partnerskap 500007")).to_be_visible()

    page.get_by_label(re.compile("^Sök på organisation")).fill("")
    page.get_by_label("Pågående eller avslutade").select_option(label="Avslutade")
    page.get_by_label("Förvaltning", exact=True).select_option(label="Arbetsmarknadsförvaltningen")
    page.get_by_role("button", name="Sök").click()
    # Odd rows are ended; odd rows are also the amf ones (alternating förvaltningar).
    expect(page.get_by_role("status")).to_contain_text("12 partnerskap")
    expect(page.get_by_label("Pågående eller avslutade").locator("option:checked")).to_have_text(
        "Avslutade"
    )

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Partnerskapen som CSV (öppnas i Excel)").click()
    download = download_info.value
    assert download.suggested_filename == "iop-partnerskap.csv"
    with open(download.path(), encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(io.StringIO(f.read()), delimiter=";"))
    assert len(rows) == 12
    assert {r["Förvaltning"] for r in rows} == {"Arbetsmarknadsförvaltningen"}
    assert {r["Status"] for r in rows} == {"Avslutat"}

    page.get_by_label(re.compile("^Sök på organisation")).fill("finnsinte")
    page.get_by_role("button", name="Sök").click()
    expect(page.get_by_role("main")).to_contain_text("Inga partnerskap matchar sökningen.")
