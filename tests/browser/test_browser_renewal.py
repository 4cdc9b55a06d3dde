"""A handläggare evaluates a partnership and renews it, in a real headless Chromium; the
evaluation and termination forms pass axe-core (WCAG 2.1 AA)."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from initiatives.models import Initiative, Status

from .. import factories
from . import test_browser
from .a11y import BROWSER_CONTEXT_ARGS, assert_no_axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

browser_type_launch_args = test_browser.browser_type_launch_args
site = test_browser.site
town_live = test_browser.town_live

GOALS = [{"goal": "Fler elever klarar skolan", "indicator": "Andel godkända", "target": "80 %"}]


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, **BROWSER_CONTEXT_ARGS}


def _admin_login(page: Page, site: str) -> None:
    page.goto(site + reverse("admin:login"))
    page.locator("#id_username").fill("handlaggare")
    page.locator("#id_password").fill(factories.PASSWORD)
    page.locator("input[type=submit]").click()


def test_handlaggare_evaluates_and_renews_the_partnership(page: Page, site, town_live):
    # A partnership whose term is over.
    case = town_live.active(
        goals=GOALS,
        term_start=datetime.date(2025, 1, 1),
        term_end=datetime.date(2025, 12, 31),
        meeting_date=datetime.date(2024, 12, 2),
    )
    _admin_login(page, site)
    page.goto(site + reverse("admin:initiatives_initiative_change", args=[case.pk]))
    page.get_by_role("link", name="Utvärdera partnerskapet").click()
    expect(page.get_by_role("heading", name="Utvärdera partnerskapet")).to_be_visible()
    assert_no_axe_violations(page)

    # Sent without the final report or a reason: refused, with the reason beside its field.
    page.get_by_role("button", name="Spara").click()
    expect(page.locator("#error-summary")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Uppnått", exact=True).check()
    page.get_by_label("Måluppfyllelse i övrigt").fill("Målen nåddes till stor del.")
    page.get_by_label("Framgångsfaktorer").fill("Volontärerna och skolans lokaler.")
    page.get_by_label("Brister").fill("Rekryteringen under hösten.")
    page.get_by_label("Kunskap som partnerskapet gett").fill("En metod för läxhjälp.")
    page.get_by_label("Hur kunskapen tas till vara och sprids").fill("Stadens IOP-nätverk.")
    page.get_by_label("Förnya partnerskapet").check()
    page.get_by_role("button", name="Spara").click()
    reason = page.locator(".form-row.errors", has=page.locator("#id_no_final_report_reason"))
    expect(reason).to_contain_text("Slutrapporten har inte kommit in")
    page.get_by_label("Skäl till att slutrapport saknas").fill(
        "Slutrapporten lämnades muntligt vid dialogmötet."
    )
    page.get_by_role("button", name="Spara").click()
    expect(page.locator("ul.messagelist")).to_contain_text("Utvärderingen är registrerad")

    # The new case: its own diarienummer, linked both ways, in assessment.
    renewal = Initiative.objects.get(renews=case)
    assert renewal.diarienummer != case.diarienummer
    assert renewal.status == Status.ASSESSMENT
    page.get_by_role("link", name=f"{renewal.diarienummer} {renewal.title}").click()
    expect(page.get_by_text("Förnyar partnerskapet i ärende")).to_be_visible()
    expect(page.get_by_role("link", name=case.diarienummer, exact=True)).to_be_visible()
    expect(page.get_by_text(str(Status.ASSESSMENT.label)).first).to_be_visible()


def test_the_termination_form_passes_axe(page: Page, site, town_live):
    case = town_live.active()
    _admin_login(page, site)
    page.goto(site + reverse("admin:initiatives_initiative_change", args=[case.pk]))
    page.get_by_role("link", name="Säg upp avtalet").click()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Spara").click()
    expect(page.locator("#error-summary")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Skäl till uppsägningen").fill("Verksamheten har upphört.")
    page.get_by_label("Avtalet upphör").fill("2027-06-30")
    page.get_by_role("button", name="Spara").click()
    expect(page.locator("ul.messagelist")).to_contain_text("Uppsägningen är registrerad")
    case.refresh_from_db()
    assert case.status == Status.TERMINATED
