"""Accounts and organisations in a real headless Chromium: signing up and confirming the address
from the mail in the test outbox, setting up an organisation, inviting and accepting a member,
the lockout and password reset pages. Every page is checked with axe-core (WCAG 2.1 A/AA).
"""

import re
import time

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from playwright.sync_api import Page, expect

from organisations.models import Invitation, Membership, Organisation

from .. import factories
from . import test_browser
from .a11y import BROWSER_CONTEXT_ARGS, assert_no_axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

browser_type_launch_args = test_browser.browser_type_launch_args
site = test_browser.site

PASSWORD = "ett-langt-losenord-77"
ORGANISATION = {
    "id_name": "Kvarterets läxhjälp",
    "id_org_number": "802002-4280",
    "id_street_address": "Storgatan 5",
    "id_postal_code": "111 22",
    "id_city": "Demostad",
    "id_contact_name": "Alva Andersson",
    "id_contact_email": "alva@forening.example",
    "id_contact_phone": "070-111 22 33",
    "id_bankgiro": "5050-1055",
}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, **BROWSER_CONTEXT_ARGS}


def heading(page: Page):
    return page.get_by_role("heading", level=1)


def path_of_link(message, prefix: str) -> str:
    match = re.search(rf"https?://[^/\s]+({re.escape(prefix)}\S*)", message.body)
    assert match, message.body
    return match.group(1)


def wait_for_mail(count: int) -> None:
    """The live server sends after its transaction commits, possibly just after the page."""
    for _ in range(50):
        if len(mail.outbox) >= count:
            return
        time.sleep(0.1)
    raise AssertionError(f"expected {count} mails, got {len(mail.outbox)}")


def log_in(page: Page, username: str, password: str) -> None:
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("main").get_by_role("button", name="Logga in").click()


def test_sign_up_confirm_set_up_an_organisation_and_invite_a_member(page: Page, site):
    page.goto(site + reverse("signup"))
    assert_no_axe_violations(page)
    page.locator("#id_first_name").fill("Alva")
    page.locator("#id_last_name").fill("Andersson")
    page.locator("#id_email").fill("alva@forening.example")
    page.locator("#id_username").fill("alva")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill("ett-annat-losenord")
    page.get_by_role("main").get_by_role("button", name="Skapa konto").click()
    # A mistake is summarised at the top, linked to the field, and nothing typed is lost.
    summary = page.get_by_role("alert")
    expect(summary).to_be_visible()
    assert_no_axe_violations(page)
    expect(page.locator("#id_email")).to_have_value("alva@forening.example")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Skapa konto").click()

    expect(heading(page)).to_have_text("Bekräfta din e-postadress")
    expect(page.get_by_role("main")).to_contain_text("alva@forening.example")
    assert_no_axe_violations(page)
    wait_for_mail(1)
    verification = mail.outbox[0]
    assert verification.to == ["alva@forening.example"]

    # Before the address is confirmed the account cannot log in, and says why.
    page.goto(site + reverse("login"))
    assert_no_axe_violations(page)
    log_in(page, "alva", PASSWORD)
    expect(page.get_by_role("alert")).to_contain_text(
        "Du behöver bekräfta din e-postadress innan du kan logga in."
    )
    assert_no_axe_violations(page)

    page.goto(site + path_of_link(verification, "/konto/bekrafta/"))
    expect(heading(page)).to_have_text("Logga in")
    expect(page.get_by_role("status")).to_contain_text("Din e-postadress är bekräftad.")
    log_in(page, "alva", PASSWORD)
    expect(heading(page)).to_have_text("Mina ärenden")

    page.get_by_role("link", name="Lägg upp en organisation").click()
    assert_no_axe_violations(page)
    for field_id, value in ORGANISATION.items():
        page.locator(f"#{field_id}").fill(value)
    page.locator("#id_legal_form").select_option("ideell_forening")
    page.get_by_role("button", name="Spara organisationen").click()
    expect(page.get_by_role("status")).to_contain_text("Organisationen är sparad.")
    organisation = Organisation.objects.get()
    assert organisation.bankgiro == "5050-1055"

    # The header shows which organisation the person acts for.
    menu = page.get_by_role("navigation", name="Huvudmeny")
    menu.get_by_role("link", name=re.compile("Kvarterets läxhjälp")).click()
    expect(heading(page)).to_have_text("Kvarterets läxhjälp")
    assert_no_axe_violations(page)
    page.goto(site + reverse("initiatives:organisation_switch"))
    assert_no_axe_violations(page)

    page.goto(site + reverse("initiatives:organisation_members", args=[organisation.pk]))
    assert_no_axe_violations(page)
    page.get_by_label("E-post till den du bjuder in").fill("kollega@example.org")
    page.get_by_label("Kontaktperson").check()
    page.get_by_role("button", name="Skicka inbjudan").click()
    expect(page.get_by_role("status")).to_contain_text(
        "En inbjudan är skickad till kollega@example.org."
    )
    expect(page.get_by_role("main")).to_contain_text("kollega@example.org som Kontaktperson")
    assert_no_axe_violations(page)
    wait_for_mail(2)
    invitation_mail = mail.outbox[1]
    assert invitation_mail.to == ["kollega@example.org"]

    # The colleague has an account with the invited address; they follow the link, log in on
    # the way and accept.
    colleague = factories.user("kollega")
    page.get_by_role("button", name="Logga ut").click()
    page.goto(site + path_of_link(invitation_mail, "/inbjudan/"))
    expect(heading(page)).to_have_text("Inbjudan att företräda Kvarterets läxhjälp")
    assert_no_axe_violations(page)
    page.get_by_role("main").get_by_role("link", name="Logga in").click()
    log_in(page, "kollega", factories.PASSWORD)
    expect(heading(page)).to_have_text("Inbjudan att företräda Kvarterets läxhjälp")
    page.get_by_role("button", name="Tacka ja").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Välkommen! Du företräder nu Kvarterets läxhjälp."
    )
    membership = Membership.objects.current().get(user=colleague)
    assert (membership.organisation, membership.role) == (organisation, "kontaktperson")
    assert Invitation.objects.get().accepted_by == colleague
    # A kontaktperson reads the profile but the form to change it is not there.
    expect(page.get_by_role("button", name="Spara uppgifterna")).to_have_count(0)
    assert_no_axe_violations(page)


def test_lockout_and_password_reset_pages(page: Page, site):
    factories.user("kim")
    page.goto(site + reverse("login"))
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(page, "kim", "fel-losenord")
    expect(heading(page)).to_have_text("Inloggningen är tillfälligt spärrad")
    expect(page.get_by_role("main")).to_contain_text(re.compile(r"Försök igen om 15 minuter"))
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Välj ett nytt lösenord").click()
    expect(heading(page)).to_have_text("Glömt lösenordet")
    assert_no_axe_violations(page)
    page.get_by_label("E-post").fill("kim@example.org")
    page.get_by_role("button", name="Skicka länken").click()
    expect(heading(page)).to_have_text("Titta i din e-post")
    assert_no_axe_violations(page)
    wait_for_mail(1)
    page.goto(site + path_of_link(mail.outbox[0], "/konto/losenord/"))
    expect(heading(page)).to_have_text("Välj ett nytt lösenord")
    assert_no_axe_violations(page)
    page.locator("#id_new_password1").fill("ett-nytt-langt-losenord-9")
    page.locator("#id_new_password2").fill("ett-nytt-langt-losenord-9")
    page.get_by_role("button", name="Spara lösenordet").click()
    expect(heading(page)).to_have_text("Lösenordet är bytt")
    assert_no_axe_violations(page)

    page.goto(site + reverse("resend_verification"))
    assert_no_axe_violations(page)
    page.goto(site + reverse("verify_email", args=["trasig-lank"]))
    expect(heading(page)).to_have_text("Länken fungerar inte")
    assert_no_axe_violations(page)
