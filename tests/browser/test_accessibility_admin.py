"""Every staff page a handläggare and an admin can reach passes axe-core (WCAG 2.1 AA): the admin
index, each app index, each changelist with a change form and an add form per model, "Mitt
arbete", the case page with the pages its parts link to, the statistics and the outbox.

The walk reads the admin site's own app list, so a model added later is walked too. Only HTML
is checked: a page that answers with a PDF, a DOCX or RDF (the register's DCAT-AP-SE, see
test_the_dcat_description_is_rdf_not_html) is a document, not a page, and is left out.
"""

import datetime

import pytest
from django.contrib.admin import site as admin_site
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page

from accounts.models import User
from initiatives import message_services, services

from . import test_browser
from .a11y import BROWSER_CONTEXT_ARGS, axe_violations, format_violations
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


def demo_like(town):
    """A case at each stage the town's walker reaches, with the records staff pages list."""
    active = town.active(title="Pågående partnerskap")
    message_services.message_send(initiative=active, by=town.member, body="Hej förvaltningen")
    message_services.message_send(initiative=active, by=town.handlaggare, body="Hej föreningen")
    town.for_decision(title="För beslut")
    town.assessed(title="Bedömt")
    case = town.in_assessment(title="Under bedömning")
    services.watch_date_add(
        initiative=case,
        by=town.handlaggare,
        due_date=timezone.localdate() + datetime.timedelta(days=30),
        what="Har föreningen skickat årsredovisningen?",
    )
    town.submitted(title="Nyss inkommet")
    return active, case


def model_pages(username):
    """The app indexes, changelists and add forms the user's admin index lists."""
    request = RequestFactory().get(reverse("admin:index"))
    request.user = User.objects.get(username=username)
    pages = []
    for app in admin_site.get_app_list(request):
        pages.append(app["app_url"])
        for model in app["models"]:
            pages.extend(url for url in (model["admin_url"], model.get("add_url")) if url)
    return pages


def is_html(page: Page) -> bool:
    return page.evaluate("document.contentType") == "text/html"


def links(page: Page, selector: str) -> list[str]:
    return page.eval_on_selector_all(selector, "els => els.map(e => e.getAttribute('href'))")


@pytest.mark.parametrize("username", ["handlaggare", "admin"])
def test_every_staff_page_passes_axe(page: Page, site, town_live, username):
    active, in_assessment = demo_like(town_live)
    # Some pages (the case page, the statistics) take a while on a busy machine.
    page.set_default_timeout(30_000)
    admin_log_in(page, site, username, reverse("admin:index"))
    pages = [
        reverse("admin:index"),
        reverse("admin:initiatives_initiative_start"),
        reverse("admin:statistik"),
    ]
    pages += model_pages(username)
    failures, seen = [], set()

    def check(url):
        if url in seen or not url.startswith("/admin/"):
            return False
        seen.add(url)
        response = page.goto(site + url)
        if response is None or response.status != 200 or not is_html(page):
            return False
        violations = axe_violations(page)
        if violations:
            failures.append(f"{url}:\n{format_violations(violations)}")
        return True

    for url in pages:
        if check(url) and url.endswith("/") and url.count("/") == 4:
            # A changelist: its first row's change form.
            rows = links(page, "#result_list tbody tr th a, #result_list tbody tr td a")
            if rows:
                check(rows[0].split("?")[0] if "?_changelist" in rows[0] else rows[0])
    for case in (active, in_assessment):
        change = reverse("admin:initiatives_initiative_change", args=[case.pk])
        check(change)
        # The case page's parts: every page of this case it links to (GET only).
        for href in links(page, f'a[href^="{change}"]'):
            check(href)
    assert len(seen) > 20
    assert not failures, "\n\n".join(failures)


def test_the_dcat_description_is_rdf_not_html(client, town_live):
    response = client.get(reverse("public:register_dcat"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rdf+xml")
    # RDF is read by harvesters, not people: it is no HTML page, so axe has nothing to check.
    assert not response.content.lstrip().lower().startswith(b"<!doctype html")
