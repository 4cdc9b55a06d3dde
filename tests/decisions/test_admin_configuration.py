"""The tjänsteutlåtande's configuration in the admin: templates and signatories, which the
superuser (or an administrator of the förvaltning) keeps; the staff roles are refused."""

import pytest
from django.urls import reverse

from decisions.models import TjansteutlatandeMall, Undertecknare

pytestmark = pytest.mark.django_db


def test_the_pages_render_for_the_superuser_and_refuse_the_staff(town, client):
    signatory = Undertecknare.objects.create(
        forvaltning=town.sof, roll="chef", user=town.colleague, titel="Förvaltningschef"
    )
    mall = TjansteutlatandeMall.objects.get(is_default=True)
    urls = [
        reverse("admin:decisions_tjansteutlatandemall_changelist"),
        reverse("admin:decisions_tjansteutlatandemall_change", args=[mall.pk]),
        reverse("admin:decisions_undertecknare_changelist"),
        reverse("admin:decisions_undertecknare_add"),
        reverse("admin:decisions_undertecknare_change", args=[signatory.pk]),
    ]
    client.force_login(town.superuser)
    for url in urls:
        assert client.get(url).status_code == 200, url
    for user in (town.handlaggare, town.secretary):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 403, url


def test_a_signatory_is_named_through_the_service_and_must_be_the_forvaltnings(town, client):
    client.force_login(town.superuser)
    url = reverse("admin:decisions_undertecknare_add")
    data = {"forvaltning": town.sof.pk, "roll": "chef", "titel": "Förvaltningschef"}
    response = client.post(url, data | {"user": town.handlaggare_amf.pk})
    assert response.status_code == 200
    assert "Undertecknaren ska vara anställd vid förvaltningen." in response.content.decode()
    assert not Undertecknare.objects.exists()
    response = client.post(url, data | {"user": town.colleague.pk})
    assert response.status_code == 302
    signatory = Undertecknare.objects.get()
    assert (signatory.forvaltning, signatory.user) == (town.sof, town.colleague)
    change = reverse("admin:decisions_undertecknare_change", args=[signatory.pk])
    response = client.post(change, {"user": town.handlaggare.pk, "titel": "T.f. chef"})
    assert response.status_code == 302
    signatory.refresh_from_db()
    assert (signatory.roll, signatory.user, signatory.titel) == (
        "chef",
        town.handlaggare,
        "T.f. chef",
    )
    assert Undertecknare.objects.count() == 1
