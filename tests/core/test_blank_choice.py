"""The empty choice of a select is Swedish (and translatable) in the portal and in the admin."""

import pytest
from django.db.models import fields
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise

pytestmark = pytest.mark.django_db

SWEDISH = "– Välj ett alternativ –"


def test_the_portals_selects_offer_the_empty_choice_in_swedish(client, town):
    client.force_login(town.member)
    page = client.get(reverse("initiatives:organisation_create")).content.decode()
    assert f'<option value="" selected>{SWEDISH}</option>' in page  # the legal form
    assert "Select an option" not in page


def test_the_admins_selects_offer_the_empty_choice_in_swedish(client, town):
    client.force_login(town.superuser)
    page = client.get(reverse("admin:accounts_forvaltning_add")).content.decode()
    assert SWEDISH in page
    assert "Select an option" not in page


def test_the_empty_choice_is_a_translatable_text():
    with translation.override("sv"):
        assert str(fields.BLANK_CHOICE_LABEL) == SWEDISH
    assert isinstance(fields.BLANK_CHOICE_LABEL, Promise)  # gettext_lazy: read per language
