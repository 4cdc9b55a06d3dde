"""A handläggare assesses a case in the admin in a real headless Chromium; a colleague approves.

Uses the browser set-up of test_browser (Debian's Chromium, only the live server reachable).
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from initiatives import attachment_services
from initiatives.models import Status

from .. import factories
from ..files import pdf_bytes, upload
from . import test_browser as browser_setup
from .a11y import BROWSER_CONTEXT_ARGS, assert_no_axe_violations

# The browser fixtures of test_browser, shared rather than copied.
browser_type_launch_args = browser_setup.browser_type_launch_args
site = browser_setup.site
town_live = browser_setup.town_live


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, **BROWSER_CONTEXT_ARGS}


pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MARKET = 3  # the row of "Det finns inte en marknad …" among Stockholm's six


def admin_log_in(page: Page, base: str, username: str, next_url: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}{reverse('admin:login')}?next={next_url}")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Logga in").click()


def test_handlaggare_assesses_and_a_colleague_approves(page: Page, site, town_live):
    case = town_live.in_assessment()
    attachment_services.attachment_add(
        initiative=case,
        uploaded_file=upload("arsredovisning.pdf", pdf_bytes("Årsredovisning")),
        by=town_live.member,
    )
    assessment = case.assessment
    url = reverse("admin:assessments_assessment_change", args=[assessment.pk])

    admin_log_in(page, site, "handlaggare", url)
    expect(page.get_by_role("heading", name="Revision 1: under arbete")).to_be_visible()
    for row in range(6):
        page.locator(f"select[name='answers-{row}-verdict']").select_option(label="Uppfyllt")
    # The market criterion unclear while recommending IOP: saved, with a warning.
    page.locator(f"select[name='answers-{MARKET}-verdict']").select_option(label="Oklart")
    page.locator(f"textarea[name='answers-{MARKET}-motivation']").fill(
        "Andra organisationer erbjuder liknande verksamhet; behöver utredas."
    )
    page.get_by_label("arsredovisning.pdf").first.check()
    page.locator("select[name='recommendation']").select_option(value="iop")
    page.locator("textarea[name='summary']").fill("Förvaltningen föreslår ett ettårigt IOP.")
    page.locator("input[name='_continue']").click()
    warnings = page.locator("#assessment-warnings")
    expect(warnings).to_contain_text("går emot kriterium 4")
    assert_no_axe_violations(page)

    page.locator(f"select[name='answers-{MARKET}-verdict']").select_option(label="Uppfyllt")
    page.locator("input[name='_continue']").click()
    expect(page.locator("#assessment-warnings")).to_have_count(0)

    # The handläggare who saved last may not approve.
    page.get_by_role("button", name="Godkänn bedömningen").click()
    expect(page.locator(".messagelist")).to_contain_text("Du sparade bedömningen senast")
    assessment.refresh_from_db()
    assert assessment.approved_at is None

    admin_log_in(page, site, "handlaggare2", url)
    page.get_by_role("button", name="Godkänn bedömningen").click()
    expect(page.locator(".messagelist")).to_contain_text("Revision 1 är godkänd")
    expect(page.get_by_role("heading", name="Revision 1: godkänd")).to_be_visible()
    expect(page.locator("textarea[name='summary']")).to_have_count(0)  # read-only now
    expect(page.get_by_text("Godkända revisioner")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Avsluta bedömningen").click()
    expect(page).to_have_url(
        re.compile(re.escape(reverse("admin:initiatives_initiative_change", args=[case.pk])))
    )

    assessment.refresh_from_db()
    case.refresh_from_db()
    assert case.status == Status.AGREEMENT
    assert (assessment.saved_by, assessment.approved_by) == (
        town_live.handlaggare,
        town_live.colleague,
    )
    first = assessment.answers.get(criterion__position=1)
    assert [a.original_name for a in first.attachments.all()] == ["arsredovisning.pdf"]
    assert assessment.revisions.get().summary == "Förvaltningen föreslår ett ettårigt IOP."
