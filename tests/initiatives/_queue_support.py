"""Helpers the staff queue admin tests share: today, the queue's list and what a page says."""

from django.urls import reverse
from django.utils import timezone

from initiatives.models import (
    Initiative,
)

CHANGELIST = "admin:initiatives_initiative_changelist"
TODAY = timezone.localdate


def changelist(client, **params):
    response = client.get(reverse(CHANGELIST), params)
    assert response.status_code == 200
    return response


def listed(response) -> list[Initiative]:
    """The cases the page lists, in its order (the lean queue lists values, Django instances)."""
    rows = response.context["cl"].result_list
    ids = [row["pk"] if isinstance(row, dict) else row.pk for row in rows]
    cases = Initiative.objects.in_bulk(ids)
    return [cases[pk] for pk in ids]


def page_text(response) -> str:
    return response.content.decode()
