"""The tjänsteutlåtande on the admin case page: write, preview, approve, download the stored PDF."""

import hashlib

import pytest
from django.urls import reverse

from decisions import selectors
from decisions import tjansteutlatande_services as tu_services
from decisions.models import Undertecknare

from ..core.docxread import read_docx

pytestmark = pytest.mark.django_db

# The edit form reads the case, its version, template, bilagor and the case's files.
EDIT_QUERY_BUDGET = 10


def _url(name, case):
    return reverse(f"admin:initiatives_initiative_tjansteutlatande{name}", args=[case.pk])


def test_write_preview_submit_and_approve_through_the_pages(client, town):
    Undertecknare.objects.create(
        forvaltning=town.sof, roll="chef", user=town.colleague, titel="Förvaltningschef"
    )
    case = town.assessed()
    client.force_login(town.handlaggare)
    response = client.post(
        reverse("admin:initiatives_initiative_tjansteutlatande_action", args=[case.pk, "ny"])
    )
    assert response.status_code == 302
    tu = selectors.tjansteutlatande_current(initiative=case)
    form = client.get(_url("_edit", case))
    assert form.status_code == 200 and "Sammantagen bedömning" in form.content.decode()
    data = {
        name: getattr(tu, name)
        for name in (
            "title",
            "forvaltning_name",
            "handlaggare_name",
            "handlaggare_phone",
            "till",
            "dnr",
            "forslag_till_beslut",
            "sammanfattning",
            "bakgrund",
            "arendets_beredning",
            "arendet",
            "synpunkter",
            "sammantagen_bedomning",
            "beslutsunderlag",
            "fotnoter",
        )
    }
    data["forslag_till_beslut"] = (
        "1. Socialnämnden godkänner avtalet.\n2. Ärendet justeras omedelbart."
    )
    data |= {"new_heading": "Fakta om idéburet offentligt partnerskap", "new_text": "IOP är…"}
    response = client.post(_url("_edit", case), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    tu.refresh_from_db()
    assert tu.forslag_till_beslut_points == [
        "Socialnämnden godkänner avtalet.",
        "Ärendet justeras omedelbart.",
    ]
    assert tu.avsnitt.get().heading.startswith("Fakta")
    preview = client.get(_url("", case))
    assert preview["Content-Type"] == "application/pdf"
    docx = read_docx(client.get(_url("_docx", case)).content)
    assert (2, "Fakta om idéburet offentligt partnerskap") in docx.headings
    assert [t for _n, t in docx.numbered][:2] == tu.forslag_till_beslut_points
    client.post(
        reverse("admin:initiatives_initiative_tjansteutlatande_action", args=[case.pk, "lamna"])
    )
    client.force_login(town.colleague)
    client.post(
        reverse("admin:initiatives_initiative_tjansteutlatande_action", args=[case.pk, "godkann"])
    )
    tu.refresh_from_db()
    assert tu.status == "upprattad"


def test_the_stored_copy_is_downloaded_and_never_regenerated(client, town):
    case = town.for_decision()
    tu = selectors.tjansteutlatande_upprattat(initiative=case)
    client.force_login(town.handlaggare)
    first = client.get(_url("", case)).content
    assert hashlib.sha256(first).hexdigest() == tu.pdf_sha256
    case.title = "Ett annat namn"
    case.save()
    town.org.name = "Omdöpta föreningen"
    town.org.save()
    again = client.get(_url("", case)).content
    assert hashlib.sha256(again).hexdigest() == tu.pdf_sha256


def test_the_edit_page_has_a_query_budget(client, town, django_assert_num_queries):
    case = town.assessed()
    tu_services.tjansteutlatande_draft_create(initiative=case, by=town.handlaggare)
    client.force_login(town.handlaggare)
    client.get(_url("_edit", case))
    with django_assert_num_queries(EDIT_QUERY_BUDGET):
        assert client.get(_url("_edit", case)).status_code == 200
