"""The tjänsteutlåtande's staff pages (the case page part, the edit form, the correction form)
pass axe-core (WCAG 2.1 AA)."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from decisions import tjansteutlatande_services as tu_services

from . import test_browser
from .a11y import BROWSER_CONTEXT_ARGS, assert_no_axe_violations
from .test_browser_assessment import admin_log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

browser_type_launch_args = test_browser.browser_type_launch_args
site = test_browser.site
town_live = test_browser.town_live


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, **BROWSER_CONTEXT_ARGS}


def test_the_tjansteutlatande_pages(page: Page, site, town_live):
    draft_case = town_live.assessed(title="Med utkast")
    tu_services.tjansteutlatande_draft_create(initiative=draft_case, by=town_live.handlaggare)
    upprattat = town_live.for_decision(title="Upprättat")
    edit = reverse("admin:initiatives_initiative_tjansteutlatande_edit", args=[draft_case.pk])
    admin_log_in(page, site, "handlaggare", edit)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tjänsteutlåtande")
    assert_no_axe_violations(page)
    for url in (
        reverse("admin:initiatives_initiative_change", args=[draft_case.pk]),
        reverse("admin:initiatives_initiative_change", args=[upprattat.pk]),
        reverse("admin:initiatives_initiative_tjansteutlatande_correct", args=[upprattat.pk]),
    ):
        page.goto(site + url)
        assert_no_axe_violations(page)
