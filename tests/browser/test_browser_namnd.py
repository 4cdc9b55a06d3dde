"""A nämnd secretary takes a meeting from empty to a justerat protokoll on the anslagstavla and
an expedierat protokollsutdrag, in a real headless Chromium; the ordförande and the justerare
each justerar with their own login, and the organisation follows the mail to the utdrag in its
portal. Every page of the nämnd's meetings is checked with axe-core on the way."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from namnd.models import Expediering, Sammantrade, StoredDocument

from ..namnd import support
from . import test_browser as browser_setup
from .a11y import BROWSER_CONTEXT_ARGS, assert_no_axe_violations
from .test_browser_accounts import path_of_link, wait_for_mail
from .test_browser_assessment import admin_log_in

browser_type_launch_args = browser_setup.browser_type_launch_args
site = browser_setup.site
town_live = browser_setup.town_live

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, **BROWSER_CONTEXT_ARGS}


def _label(page: Page, text: str):
    """The field labelled exactly `text` (Django's labels end in a colon)."""
    return page.get_by_label(re.compile(rf"^{re.escape(text)}:?$"))


def _submit(page: Page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()


def test_a_secretary_takes_a_meeting_to_a_justerat_protokoll_and_a_sent_utdrag(
    page: Page, site, town_live
):
    town = town_live
    support.people(town)
    cases = [town.for_decision(title=t) for t in ("Läxhjälp", "Träffpunkt")]
    for case in cases:
        support.tu_upprattad(case)
    today = f"{timezone.localdate():%Y-%m-%d}"

    admin_log_in(page, site, "sekreterare", reverse("admin:namnd_sammantrade_add"))
    assert_no_axe_violations(page)
    page.get_by_label("Nämnd").select_option(label="Socialnämnden")
    page.get_by_label("Datum").fill(today)
    page.get_by_label("Tid").fill("13:00")
    page.get_by_label("Plats").fill("Stadshuset, rum 101")
    page.get_by_label("Ordförande").select_option(label="Ordforande Testsson")
    page.get_by_label("Justerare").select_option(label="Justerare Testsson")
    page.locator("input[name='_save']").click()
    expect(page.get_by_text("Sammanträdet är skapat.")).to_be_visible()
    meeting_url = page.url
    assert_no_axe_violations(page)

    for name, party in (("Anna Andersson", "S"), ("Bertil Berg", "M")):
        page.get_by_label("Namn").fill(name)
        page.get_by_label("Parti").fill(party)
        _submit(page, "Lägg till ledamot")
        expect(page.get_by_role("cell", name=name)).to_be_visible()
    for case in cases:
        page.get_by_label("Ärende").select_option(label=f"{case.diarienummer} {case.title}")
        _submit(page, "För upp på listan")
        expect(page.get_by_role("link", name=case.title)).to_be_visible()
    # The secretary puts the second case first, then numbers the list.
    page.get_by_label("Ordning för Träffpunkt").fill("1")
    page.get_by_label("Ordning för Läxhjälp").fill("2")
    _submit(page, "Spara ordningen")
    _submit(page, "Ge paragrafnummer")
    expect(page.get_by_role("cell", name="§ 1", exact=True).first).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Träffpunkt").click()
    assert_no_axe_violations(page)
    _label(page, "Slag").select_option(label="Reservation")
    page.get_by_role("checkbox", name="Bertil Berg (M)").check()
    _label(page, "Text").fill("Jag reserverar mig mot beslutet.")
    _submit(page, "Lägg till")
    expect(page.get_by_role("heading", name="Reservation")).to_be_visible()
    _label(page, "Utfall").select_option(label="Bifall")
    _submit(page, "Registrera beslutet")
    expect(page.get_by_text("Beslutet är registrerat.")).to_be_visible()
    assert_no_axe_violations(page)
    page.goto(meeting_url)
    page.get_by_role("link", name="Läxhjälp").click()
    _label(page, "Utfall").select_option(label="Återremiss")
    _submit(page, "Registrera beslutet")
    expect(page.get_by_text("Beslutet är registrerat.")).to_be_visible()

    for username in ("ordforande", "justerare"):
        admin_log_in(page, site, username, meeting_url.removeprefix(site))
        assert_no_axe_violations(page)
        _submit(page, "Justera protokollet")
        expect(page.get_by_text("Din justering är registrerad.")).to_be_visible()
    expect(page.get_by_text("Justerat (justerat")).to_be_visible()
    assert Sammantrade.objects.get().is_justerat

    admin_log_in(page, site, "sekreterare", meeting_url.removeprefix(site))
    page.get_by_label("Förvaringsplats för protokollet").fill("Stadshuset, nämndens kansli")
    _submit(page, "Anslå protokollet")
    expect(page.get_by_text("Protokollet är anslaget på anslagstavlan.")).to_be_visible()
    assert_no_axe_violations(page)
    page.goto(site + reverse("admin:namnd_sammantrade_changelist"))
    assert_no_axe_violations(page)

    page.goto(site + reverse("public:anslagstavla"))
    expect(
        page.get_by_role("heading", name=f"Protokoll från Socialnämnden, sammanträde {today}")
    ).to_be_visible()
    expect(page.get_by_text("Stadshuset, nämndens kansli")).to_be_visible()
    assert_no_axe_violations(page)

    # Expediering: the secretary sends § 1's utdrag to the organisation and the handläggare.
    admin_log_in(page, site, "sekreterare", meeting_url.removeprefix(site))
    _submit(page, "Expediera § 1")
    expect(
        page.get_by_text("Protokollsutdraget för § 1 är expedierat till 3 mottagare.")
    ).to_be_visible()
    assert_no_axe_violations(page)
    traffpunkt = cases[1]
    stored = StoredDocument.objects.get(paragraf__initiative=traffpunkt, kind="utdrag_pdf")
    sent = Expediering.objects.filter(paragraf__initiative=traffpunkt)
    assert {(e.recipient_kind, e.channel, e.recipient) for e in sent} == {
        ("organisation", "portal", town.org.name),
        ("organisation", "mail", town.org.contact_email),
        ("handlaggare", "mail", traffpunkt.handlaggare.email),
    }
    assert {e.document.name for e in sent} == {stored.file.name}
    assert not Expediering.objects.filter(paragraf__initiative=cases[0]).exists()
    wait_for_mail(2)
    utdrag_mails = {m.to[0]: m for m in mail.outbox if "§ 1" in m.subject}
    assert set(utdrag_mails) == {town.org.contact_email, traffpunkt.handlaggare.email}

    # The organisation follows its mail to the case page and downloads the stored utdrag.
    case_path = path_of_link(utdrag_mails[town.org.contact_email], "/initiativ/")
    page.context.clear_cookies()
    browser_setup.log_in(page, site, "medlem")
    page.goto(site + case_path)
    link = page.get_by_role("link", name=f"Protokollsutdrag § 1, Socialnämnden {today}", exact=True)
    expect(link).to_be_visible()
    assert_no_axe_violations(page)
    response = page.request.get(site + link.get_attribute("href"))
    assert response.ok and response.body() == stored.file.open("rb").read()
