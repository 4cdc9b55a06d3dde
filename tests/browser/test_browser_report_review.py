"""An organisation's report is returned for completion, revised and accepted, in real Chromium;
the new pages pass axe-core (WCAG 2.1 AA)."""

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect

from agreements.models import AgreementGoal, Contribution, Party, ReportDate
from term.models import FollowUpReport

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
log_in = test_browser.log_in

GOAL = {
    "goal": "Fler möten mellan nyanlända och etablerade stockholmare",
    "indicator": "Antal möten",
    "target": "200 möten",
}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, **BROWSER_CONTEXT_ARGS}


def _staff_page(browser: Browser, site: str) -> Page:
    staff = browser.new_context(**BROWSER_CONTEXT_ARGS).new_page()
    # The admin case page is the slowest page here; on a loaded machine 5 s was not enough.
    staff.set_default_timeout(20_000)
    staff.goto(site + reverse("admin:login"))
    staff.locator("#id_username").fill("handlaggare")
    staff.locator("#id_password").fill(factories.PASSWORD)
    staff.locator("input[type=submit]").click()
    return staff


def test_a_returned_report_is_revised_and_accepted(page: Page, browser: Browser, site, town_live):
    case = town_live.active(goals=[GOAL])
    goal = AgreementGoal.objects.get(agreement__initiative=case)
    contribution = Contribution.objects.get(agreement__initiative=case, party=Party.MUNICIPALITY)
    report_date = ReportDate.objects.filter(agreement__initiative=case).earliest("due_date")
    report_url = site + reverse("term:report", args=[case.pk, report_date.pk])

    # The organisation sends in its report, answering the goal; more money than the contribution.
    log_in(page, site, "medlem")
    page.goto(report_url)
    page.locator("#id_activities_done").fill("Tolv träffar.")
    page.locator("#id_participants_reached").fill("40")
    page.locator(f"#id_goal_{goal.pk}").fill("120 möten")
    page.locator(f"#id_used_{contribution.pk}").fill("300000")
    page.get_by_role("button", name="Skicka in rapporten").click()
    expect(page.locator("main")).to_contain_text("Rapporten är inskickad och diarieförd")
    report = FollowUpReport.objects.get()

    # The handläggare sees the flag and returns it with a request.
    staff = _staff_page(browser, site)
    staff.goto(site + reverse("admin:initiatives_initiative_change", args=[case.pk]))
    staff.get_by_role("link", name="Granska delrapport").click()
    expect(staff.locator("#content-main")).to_contain_text("är mer än kommunens bidrag")
    assert_no_axe_violations(staff)
    staff.get_by_role("button", name="Skicka tillbaka för komplettering").click()
    expect(staff.locator(".errornote")).to_contain_text("Skriv vad organisationen ska komplettera")
    assert_no_axe_violations(staff)
    staff.locator("#id_request_text").fill("Rätta använda medel och bifoga närvarolistor.")
    staff.get_by_role("button", name="Skicka tillbaka för komplettering").click()
    expect(staff.locator("ul.messagelist")).to_contain_text("skickad tillbaka för komplettering")

    # The organisation reads the request and completes the report; the first version stays.
    page.goto(site + case.get_absolute_url())
    page.get_by_role("link", name="Komplettera delrapport").click()
    expect(page.get_by_role("note", name="Förvaltningen ber er")).to_contain_text(
        "Rätta använda medel"
    )
    expect(page.locator("#id_activities_done")).to_have_value("Tolv träffar.")
    assert_no_axe_violations(page)
    page.locator(f"#id_used_{contribution.pk}").fill("190000")
    page.locator("#id_activities_done").fill("Tolv träffar, närvarolistor bifogade.")
    page.get_by_role("button", name="Skicka in kompletteringen").click()
    expect(page.locator("main")).to_contain_text("Kompletteringen är inskickad")
    expect(page.get_by_role("heading", name="Version 2", exact=False)).to_be_visible()
    expect(page.get_by_role("heading", name="Version 1", exact=False)).to_be_visible()
    assert_no_axe_violations(page)

    # The handläggare accepts the revised report; the organisation sees it accepted.
    staff.goto(
        site + reverse("admin:initiatives_initiative_report_review", args=[case.pk, report.pk])
    )
    expect(staff.locator("#content-main")).not_to_contain_text("är mer än kommunens bidrag")
    staff.get_by_role("button", name="Godkänn rapporten").click()
    expect(staff.locator("ul.messagelist")).to_contain_text("Rapporten är godkänd")
    page.goto(report_url)
    expect(page.locator("main")).to_contain_text("godkänd")
    expect(page.get_by_role("button", name="Skicka in kompletteringen")).to_have_count(0)


def test_the_amendment_form_passes_axe_with_and_without_errors(browser: Browser, site, town_live):
    case = town_live.active()
    staff = _staff_page(browser, site)
    staff.goto(site + reverse("admin:initiatives_initiative_change", args=[case.pk]))
    staff.get_by_role("link", name="Ändra avtalet (rapportdatum, avtalstid)").click()
    assert_no_axe_violations(staff)
    staff.locator("#id_term_end").fill("2028-06-30")
    staff.get_by_role("button", name="Spara").click()
    expect(staff.locator(".errornote")).to_be_visible()
    assert_no_axe_violations(staff)
    staff.locator("#id_reason").fill("Förlängt efter dialogmöte.")
    staff.get_by_role("button", name="Spara").click()
    expect(staff.locator("ul.messagelist")).to_contain_text("Ändringen kräver ett nytt beslut")
    assert_no_axe_violations(staff)
