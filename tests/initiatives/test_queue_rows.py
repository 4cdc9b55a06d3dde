"""The queue's rows written in one pass (core.templatetags.light_admin_list) are the very HTML
Django's own result_list writes: the same cells, links (with the filters kept) and checkboxes."""

import pytest
from django.contrib.admin.templatetags.admin_list import result_list

from core.templatetags.light_admin_list import light_result_list
from initiatives.models import Initiative

from ._queue_support import changelist

pytestmark = pytest.mark.django_db


def _rows(context) -> list[str]:
    return ["".join(str(cell) for cell in row) for row in context["results"]]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"o": "-7"},
        {"handlaggare": "mine", "o": "3"},
        {"q": "läxhjälp"},
        {"status": "submitted"},
    ],
)
def test_the_light_rows_are_the_html_djangos_result_list_writes(staff_client, town, params):
    mine = town.submitted(title="Läxhjälp")
    Initiative.objects.filter(pk=mine.pk).update(handlaggare=town.handlaggare)
    town.in_assessment(title="Språkcafé")
    cl = changelist(staff_client, **params).context["cl"]
    ours, djangos = light_result_list(cl), result_list(cl)
    assert _rows(ours) == _rows(djangos)
    assert ours["result_headers"] == djangos["result_headers"]
    assert ours["num_sorted_fields"] == djangos["num_sorted_fields"]


def test_the_page_shows_each_case_once_with_its_link_and_checkbox(staff_client, town):
    case = town.submitted(title="Läxhjälp")
    page = changelist(staff_client).content.decode()
    assert page.count(f'value="{case.pk}" class="action-select"') == 1
    assert f'href="/admin/initiatives/initiative/{case.pk}/change/' in page
