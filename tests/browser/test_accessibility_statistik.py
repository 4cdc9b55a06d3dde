"""The staff statistics page, with its charts and tables, passes axe-core (WCAG 2.1 AA)."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

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


@pytest.mark.parametrize("username", ["handlaggare", "admin"])
def test_the_statistics_page(page: Page, site, town_live, username):
    town_live.active(title="Pågående partnerskap")
    town_live.in_assessment(title="Under bedömning")
    town_live.submitted(title="Hos AMF", forvaltning=town_live.amf)
    url = reverse("admin:statistik")
    admin_log_in(page, site, username, url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Statistik")
    expect(page.get_by_role("img", name="Diagram: Ärenden per status", exact=False)).to_be_visible()
    expect(page.get_by_role("table", name="Ärenden per status")).to_be_visible()
    assert_no_axe_violations(page)
    # The empty state too: a handläggare of a förvaltning without cases.
    if username == "handlaggare":
        admin_log_in(page, site, "handlaggare_amf", url)
        assert_no_axe_violations(page)
