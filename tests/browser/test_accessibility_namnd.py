"""The handläggare's tjänsteutlåtande edit page and the secretary's
batch export progress page pass axe-core (WCAG 2.1 AA)."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from decisions import tjansteutlatande_services as tu_services
from namnd import export_services

from ..namnd import support
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


def test_the_tjansteutlatande_edit_page(page: Page, site, town_live):
    town = town_live
    case = town.assessed()
    tu_services.tjansteutlatande_draft_create(initiative=case, by=town.handlaggare)
    url = reverse("admin:initiatives_initiative_tjansteutlatande_edit", args=[case.pk])
    admin_log_in(page, site, "handlaggare", url)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_no_axe_violations(page)


def test_the_batch_export_progress_page(page: Page, site, town_live):
    town = town_live
    meeting = support.meeting(town)
    support.listed(town, meeting)
    job = export_services.export_order(meeting=meeting, by=town.secretary, kind="kallelse")
    url = reverse("admin:namnd_sammantrade_export", args=[meeting.pk, job.pk])
    admin_log_in(page, site, "sekreterare", url)
    expect(page.get_by_role("progressbar", name="Förlopp")).to_be_visible()
    assert_no_axe_violations(page)
    # Once the set is built, the page offers the ZIP (after a reload too).
    expect(page.get_by_role("link", name="Ladda ned ZIP-filen")).to_be_visible(timeout=15_000)
    page.reload()
    expect(page.get_by_role("link", name="Ladda ned ZIP-filen")).to_be_visible()
    assert_no_axe_violations(page)
