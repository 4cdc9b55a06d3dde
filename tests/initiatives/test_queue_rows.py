"""The lean queue page (initiatives.admin_queue) is the page Django's own changelist renders for
the same request: the same rows, cells, links (with the filters kept), sort links, checkboxes,
filters, search form and pages; and Django's changelist still answers what the queue leaves
to it."""

import re

import pytest
from django.contrib import admin
from django.contrib.admin.templatetags.admin_list import result_list
from django.contrib.admin.views.main import ChangeList
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import resolve, reverse

from initiatives.admin_queue import QueueList
from initiatives.models import Initiative

from ._queue_support import CHANGELIST, changelist

pytestmark = pytest.mark.django_db


def _djangos(user, params):
    """Django's changelist context for the same GET, built by the admin itself."""
    url = reverse(CHANGELIST)
    request = RequestFactory().get(url, params)
    request.user = user
    request.resolver_match = resolve(url)
    cl = admin.site._registry[Initiative].get_changelist_instance(request)
    return result_list(cl)


def _tags(markup: str) -> str:
    return re.sub(r">\s+", ">", re.sub(r"\s+<", "<", markup)).strip()


def _cells(rows) -> list[str]:
    return ["".join(str(cell) for cell in row) for row in rows]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"o": "-7"},
        {"o": "2.-5"},
        {"handlaggare": "mine", "o": "3"},
        {"q": "läxhjälp"},
        {"status__exact": "submitted", "datum": "overdue"},
    ],
)
def test_the_queue_writes_the_rows_and_headers_djangos_changelist_writes(
    staff_client, town, params
):
    mine = town.submitted(title="Läxhjälp")
    Initiative.objects.filter(pk=mine.pk).update(handlaggare=town.handlaggare)
    town.in_assessment(title="Språkcafé")
    town.submitted(title="Läxhjälp <b>två</b> & mer")
    ours = changelist(staff_client, **params).context
    djangos = _djangos(town.handlaggare, params)
    assert isinstance(ours["cl"], QueueList)
    assert ours["queue_rows"] == _cells(djangos["results"])
    assert ours["queue_headers"] == djangos["result_headers"]
    # The table as a whole: Django's template renders the same markup, spaces between tags aside.
    table = render_to_string("admin/change_list_results.html", djangos)
    assert _tags(ours["queue_table"]) == _tags(table)


def test_the_page_shows_each_case_once_with_its_link_and_checkbox(staff_client, town):
    case = town.submitted(title="Läxhjälp")
    page = changelist(staff_client).content.decode()
    assert page.count(f'value="{case.pk}" class="action-select"') == 1
    assert f'href="/admin/initiatives/initiative/{case.pk}/change/' in page


# A popup, Django's error flag, a raw field lookup, and a page beyond the last (which Django answers
# with the last page).
@pytest.mark.parametrize(
    "params", [{"_popup": "1"}, {"e": "1"}, {"status": "submitted"}, {"p": "9"}]
)
def test_djangos_changelist_answers_what_the_queue_leaves_to_it(staff_client, town, params):
    case = town.submitted(title="Läxhjälp")
    cl = changelist(staff_client, **params).context["cl"]
    assert isinstance(cl, ChangeList) and not isinstance(cl, QueueList)
    assert case in cl.result_list


def _djangos_page(user, params) -> str:
    """Django's own changelist page for the same GET (InitiativeAdmin's parent view)."""
    from django.contrib.messages.storage.fallback import FallbackStorage

    from initiatives.admin import InitiativeAdmin

    url = reverse(CHANGELIST)
    request = RequestFactory().get(url, params)
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    request.resolver_match = resolve(url)
    model_admin = admin.site._registry[Initiative]
    response = super(InitiativeAdmin, model_admin).changelist_view(
        request, {"is_nav_sidebar_enabled": False}
    )
    return response.render().content.decode()


def _part(page: str, start: str, end: str) -> str:
    part = page[page.index(start) : page.index(end, page.index(start))]
    part = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", part)
    # Only the served page carries the CSP middleware's nonces.
    part = re.sub(r'\s*nonce="[^"]*"', "", part)
    part = re.sub(r"\s+>", ">", part)
    return _tags(re.sub(r"\s+", " ", part))


@pytest.mark.parametrize(
    "params",
    [{}, {"o": "-7", "handlaggare": "mine"}, {"q": "läxhjälp", "status__exact": "submitted"}],
)
def test_the_queue_page_is_djangos_changelist_page(staff_client, town, params):
    # The head (title, styles, scripts), the breadcrumbs and the content: filters, search form,
    # actions, table and pagination, spaces between tags aside.
    for i in range(3):
        town.submitted(title=f"Läxhjälp {i}")
    ours = changelist(staff_client, **params).content.decode()
    djangos = _djangos_page(town.handlaggare, params)
    for start, end in (
        ("<head>", "</head>"),
        ('<ol class="breadcrumbs">', "</ol>"),
        ('<div id="content-main">', '<footer id="footer">'),
    ):
        assert _part(ours, start, end) == _part(djangos, start, end)
