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
    return list(response.context["cl"].result_list)


def page_text(response) -> str:
    return response.content.decode()
