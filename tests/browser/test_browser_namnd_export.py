"""The meeting's batch export in a real headless Chromium: the secretary orders the ZIP from
the meeting page, the progress page (checked with axe-core) shows the job done after a reload,
and its link downloads the ZIP."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from ..namnd.meeting_data import meeting
from . import test_browser as browser_setup
from .a11y import BROWSER_CONTEXT_ARGS, assert_no_axe_violations
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


def test_the_secretary_exports_the_protokoll_and_downloads_the_zip(page: Page, site, town_live):
    sammantrade = meeting(town_live, cases=1)
    admin_log_in(
        page, site, "sekreterare", reverse("admin:namnd_sammantrade_change", args=[sammantrade.pk])
    )
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Exportera protokollet med alla utdrag (ZIP)").click()
    # The task runs in the server's process here (tests/worker runs it on a real worker).
    expect(page.get_by_role("progressbar")).to_be_visible()
    page.reload()
    expect(page.get_by_role("status")).to_contain_text("Klar")
    assert_no_axe_violations(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ned ZIP-filen").click()
    assert download.value.suggested_filename.endswith(".zip")
