"""Every public and organisation page passes axe-core's WCAG 2.1 A/AA rules, in Swedish and English.

The English pages are reached through the language switcher in the header, as a user would.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from agreements import services as agreement_services

from ..factories_public import partnerships_bulk
from ..public._support import fill_guide, publish
from . import test_browser
from .a11y import BROWSER_CONTEXT_ARGS, assert_no_axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# The browser set-up of the organisation's browser tests: Debian's Chromium, only 127.0.0.1.
browser_type_launch_args = test_browser.browser_type_launch_args
site = test_browser.site
town_live = test_browser.town_live
log_in = test_browser.log_in

ANONYMOUS_PAGES = ["home", "login", "signup"]
MEMBER_PAGES = ["initiatives:my_cases", "initiatives:create"]


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, **BROWSER_CONTEXT_ARGS}


def choose_language(page: Page, site: str, language: str) -> None:
    """Switch language with the header's switcher, which sets Django's language cookie."""
    page.goto(site + reverse("home"))
    if language == "en":
        page.get_by_label("Språk").select_option("en")
        page.get_by_role("button", name="Byt språk").click()
        expect(page.locator("html")).to_have_attribute("lang", "en")
        cookies = {c["name"]: c["value"] for c in page.context.cookies()}
        assert cookies.get("django_language") == "en"


def check(page: Page, url: str, language: str) -> None:
    page.goto(url)
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_no_axe_violations(page)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_anonymous_pages(page: Page, site, town_live, language):
    choose_language(page, site, language)
    for name in ANONYMOUS_PAGES:
        check(page, site + reverse(name), language)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_organisation_pages(page: Page, site, town_live, language):
    case = town_live.submitted()
    log_in(page, site, "medlem")
    choose_language(page, site, language)
    for name in MEMBER_PAGES:
        check(page, site + reverse(name), language)
    check(page, site + reverse("initiatives:detail", args=[case.pk]), language)
    check(page, site + reverse("initiatives:edit", args=[town_live.draft().pk]), language)
    # The organisation's own pages, and the agreement draft the förvaltning sent it.
    check(page, site + reverse("initiatives:organisation_create"), language)
    check(page, site + reverse("initiatives:organisation", args=[town_live.org.pk]), language)
    check(
        page, site + reverse("initiatives:organisation_members", args=[town_live.org.pk]), language
    )
    check(page, site + reverse("initiatives:organisation_switch"), language)
    check(page, site + reverse("initiatives:messages", args=[case.pk]), language)
    drafted = agreement_services.agreement_create_draft(
        initiative=town_live.assessed(), by=town_live.handlaggare
    )
    agreement_services.agreement_send_to_organisation(agreement=drafted, by=town_live.handlaggare)
    check(page, site + reverse("agreements:draft", args=[drafted.initiative_id]), language)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_public_pages(page: Page, site, town_live, language):
    """The guide at each step and each answer, the register full and empty, accessibility."""
    fill_guide()
    choose_language(page, site, language)
    check(page, site + reverse("public:register"), language)  # empty
    check(page, site + reverse("public:register") + "?q=finnsinte", language)
    publish(town_live.active())
    partnerships_bulk(
        25, forvaltningar=[town_live.sof, town_live.amf], created_by=town_live.superuser
    )
    check(page, site + reverse("public:register"), language)
    check(page, site + reverse("public:register") + "?state=ended&sida=2", language)
    check(page, site + reverse("public:accessibility"), language)
    check(page, site + reverse("public:accessibility_report"), language)
    page.locator(
        "main form[method=post] button[type=submit]"
    ).click()  # nothing filled in: the errors
    expect(page.get_by_role("alert")).to_be_visible()
    assert_no_axe_violations(page)

    check(page, site + reverse("public:guide"), language)
    check(page, site + reverse("public:guide") + f"?forvaltning={town_live.amf.pk}", language)
    page.locator("main form[method=post] button[type=submit]").click()  # unanswered: the errors
    expect(page.get_by_role("alert")).to_be_visible()
    assert_no_axe_violations(page)
    for answer in ("yes", "no", "unknown"):
        page.goto(site + reverse("public:guide") + f"?forvaltning={town_live.sof.pk}")
        for radio in page.locator(f"input[type=radio][value={answer}]").all():
            radio.check()
        page.locator("main form[method=post] button[type=submit]").click()
        expect(page).to_have_url(site + reverse("public:guide_result"))
        assert_no_axe_violations(page)


def test_the_checker_reports_violations(page: Page, site):
    """A page with a known fault fails, naming the rule and the node: the check can fail."""
    page.goto(site + reverse("home"))
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=data:, id=bad>')"
    )
    with pytest.raises(AssertionError, match=r"(?s)image-alt \(critical\).*#bad"):
        assert_no_axe_violations(page)
