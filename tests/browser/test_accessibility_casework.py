"""The wizard, my cases, the case page, messages and the report form pass axe-core (WCAG 2.1 AA)."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from agreements.models import ReportDate
from initiatives import attachment_services, message_services, wizard
from initiatives import services as initiative_services

from .. import files
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


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, **BROWSER_CONTEXT_ARGS}


def test_every_wizard_step_with_and_without_errors(page: Page, site, town_live):
    draft = town_live.draft(challenge="", term_end=None)
    initiative_services.draft_progress_record(initiative=draft, step="verksamhet")

    attachment_services.attachment_add(
        initiative=draft,
        uploaded_file=files.upload("plan.pdf", files.pdf_bytes()),
        by=town_live.member,
        description="Plan",
    )
    log_in(page, site, "medlem")
    page.goto(site + reverse("initiatives:create"))
    assert_no_axe_violations(page)
    for step in wizard.STEPS:
        page.goto(site + reverse("initiatives:step", args=[draft.pk, step.slug]))
        assert_no_axe_violations(page)
    # With errors: a field error and its summary; a refused file; a failed submit.
    page.goto(site + reverse("initiatives:step", args=[draft.pk, "verksamhet"]))
    page.locator("#id_term_start").fill("2027-06-01")
    page.locator("#id_term_end").fill("2027-01-01")
    page.get_by_role("button", name="Spara och fortsätt", exact=True).click()
    page.get_by_role("alert").wait_for()
    assert_no_axe_violations(page)
    page.goto(site + reverse("initiatives:step", args=[draft.pk, "bilagor"]))
    page.locator("#id_file").set_input_files(
        {"name": "x.png", "mimeType": "image/png", "buffer": files.pdf_bytes()}
    )
    page.get_by_role("button", name="Ladda upp filen").click()
    page.get_by_role("alert").wait_for()
    assert_no_axe_violations(page)
    page.goto(site + reverse("initiatives:step", args=[draft.pk, "granska"]))
    page.get_by_role("button", name="Skicka in initiativet").click()
    page.get_by_role("alert").wait_for()
    assert_no_axe_violations(page)


def test_case_pages(page: Page, site, town_live):
    case = town_live.active()
    message_services.message_send(initiative=case, by=town_live.member, body="Hej förvaltningen")
    message_services.message_send(initiative=case, by=town_live.handlaggare, body="Hej föreningen")
    report_date = ReportDate.objects.filter(agreement__initiative=case).earliest("due_date")
    log_in(page, site, "medlem")
    for url in (
        reverse("initiatives:my_cases"),
        reverse("initiatives:my_cases") + "?q=finns+inte",
        case.get_absolute_url(),
        reverse("initiatives:messages", args=[case.pk]),
        reverse("term:report", args=[case.pk, report_date.pk]),
    ):
        page.goto(site + url)
        assert_no_axe_violations(page)
    page.get_by_role("button", name="Skicka in rapporten").click()
    page.get_by_role("alert").wait_for()
    assert_no_axe_violations(page)
    page.goto(site + reverse("initiatives:messages", args=[case.pk]))
    page.get_by_role("button", name="Skicka meddelandet").click()
    page.get_by_role("alert").wait_for()
    assert_no_axe_violations(page)
