"""Kronor amounts in the admin read as Swedish amounts: "250 000 kr", through one helper."""

import pytest
from django.urls import reverse

from core.admin import kronor_display
from initiatives.models import Initiative

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def test_the_helper_shows_an_amount_with_the_thousands_space_and_kr():
    show = kronor_display(Initiative, "requested_amount_per_year")
    assert show(Initiative(requested_amount_per_year=250_000)) == f"250{NBSP}000{NBSP}kr"
    assert show(object(), Initiative(requested_amount_per_year=None)) == ""  # as a method
    assert (
        show.short_description
        == Initiative._meta.get_field("requested_amount_per_year").verbose_name
    )
    assert show.admin_order_field == "requested_amount_per_year"


def test_the_case_page_shows_the_requested_amount_in_kronor(client, town):
    case = town.submitted(requested_amount_per_year=1_250_000)
    client.force_login(town.handlaggare)
    page = client.get(reverse("admin:initiatives_initiative_change", args=[case.pk]))
    text = page.content.decode()
    assert f"1{NBSP}250{NBSP}000{NBSP}kr" in text or "1&nbsp;250&nbsp;000&nbsp;kr" in text
    assert "1250000" not in text
