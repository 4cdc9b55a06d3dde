"""The wizard, my cases, the case page, messages and the report form pass axe-core (WCAG 2.1 AA)."""

import datetime

import pytest
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page

from agreements import services as agreement_services
from agreements import signing_services
from agreements.models import Contribution, Party, ReportDate
from initiatives import attachment_services, message_services, wizard
from initiatives import services as initiative_services
from initiatives.models import Initiative
from term import services as term_services

from .. import files
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


def test_mitt_arbete_with_every_section_filled(page: Page, site, town_live):
    """The staff start page with something in each section: my cases, what waits for an answer
    (a report to review, the organisation's reply, a comment on the draft), cases without a
    handläggare, this week's dates (a bevakning with its "Klar" button) and idle cases."""
    town = town_live
    active = town.active(title="Pågående partnerskap")
    report_date = ReportDate.objects.filter(agreement__initiative=active).earliest("due_date")
    term_services.report_submit(
        report_date=report_date,
        by=town.member,
        activities_done="Läxhjälp varje vecka.",
        participants_reached=40,
        money_used={
            c.pk: 1000
            for c in Contribution.objects.filter(
                agreement__initiative=active, party=Party.MUNICIPALITY
            )
        },
    )
    message_services.message_send(initiative=active, by=town.member, body="Hej förvaltningen")
    drafting = town.assessed(title="Avtal under arbete")
    agreement = agreement_services.agreement_create_draft(initiative=drafting, by=town.handlaggare)
    version = agreement_services.agreement_send_to_organisation(
        agreement=agreement, by=town.handlaggare
    )
    signing_services.agreement_comment(
        initiative=drafting, version_id=version.pk, by=town.member, text="Kan § 3 ändras?"
    )
    idle = town.in_assessment(title="Stilla ärende")
    initiative_services.watch_date_add(
        initiative=idle,
        by=town.handlaggare,
        due_date=timezone.localdate(),
        what="Har föreningen skickat årsredovisningen?",
    )
    long_ago = timezone.now() - datetime.timedelta(days=90)
    Initiative.objects.filter(pk=idle.pk).update(updated_at=long_ago)
    # Backdating the status history is for the test only: the base queryset's update, past the
    # record's refusal (as tests/initiatives/test_queue_admin_pages.py does).
    QuerySet.update(idle.status_changes.all(), changed_at=long_ago)
    town.submitted(title="Nyss inkommet")

    start = reverse("admin:initiatives_initiative_start")
    admin_log_in(page, site, "handlaggare", start)
    page.wait_for_url(f"**{start}")
    main = page.locator("#content-main")
    for heading, text in (
        ("Mina ärenden", "Pågående partnerskap"),
        ("Att svara på", "Rapport att granska"),
        ("Att svara på", "Svar från organisationen"),
        ("Att svara på", "Kommentar på avtalsutkastet"),
        ("Inkomna ärenden utan handläggare", "Nyss inkommet"),
        ("Datum som infaller", "Har föreningen skickat årsredovisningen?"),
        ("Ingen aktivitet på", idle.diarienummer),
    ):
        section = main.locator("section", has=page.get_by_role("heading", name=heading))
        assert section.locator("table").count() == 1, heading
        assert text in section.inner_text(), (heading, text)
    assert_no_axe_violations(page)


def test_the_end_of_a_partnership_in_the_admin(page: Page, site, town_live):
    """The evaluation with its judgement per goal, and an early termination, as staff read them."""
    from term import termination_services

    from ..term.test_evaluation_renewal import GOALS, _evaluate, _final_report

    evaluated = town_live.active(goals=GOALS, title="Utvärderat")
    _final_report(evaluated, town_live)
    evaluation = _evaluate(evaluated, town_live)
    ended = town_live.active(paragraph=2, title="Uppsagt")
    termination = termination_services.agreement_terminate(
        agreement=ended.agreement,
        by=town_live.handlaggare,
        reason="Verksamheten har upphört.",
        date=ended.agreement.term_end,
    )
    admin_log_in(page, site, "handlaggare", reverse("admin:index"))
    for url in (
        reverse("admin:term_evaluation_change", args=[evaluation.pk]),
        reverse("admin:term_termination_changelist"),
        reverse("admin:term_termination_change", args=[termination.pk]),
        reverse("admin:initiatives_initiative_change", args=[ended.pk]),
    ):
        page.goto(site + url)
        assert_no_axe_violations(page)
