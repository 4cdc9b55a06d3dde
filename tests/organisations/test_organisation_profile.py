"""An organisation's profile (org number, bankgiro), its documents, the profile's query budget."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from organisations import services as org_services
from organisations.models import Membership, OrganisationDocument

from .. import factories
from ..files import pdf_bytes, png_bytes
from ._support import KONTAKT, join, membership, pdf_upload, profile_data

# --- Profile ------------------------------------------------------------------------------------


def test_the_org_number_can_change_until_a_case_is_registered(client, town):
    new_number = factories.org_number()
    org_services.organisation_update(
        organisation=town.org, by=town.member, org_number=new_number.replace("-", "")
    )
    town.org.refresh_from_db()
    assert town.org.org_number == new_number

    town.submitted()
    with pytest.raises(ValidationError) as locked:
        org_services.organisation_update(
            organisation=town.org, by=town.member, org_number=factories.org_number()
        )
    assert locked.value.error_dict["org_number"][0].code == "org_number_locked"
    town.org.refresh_from_db()
    assert town.org.org_number == new_number
    # Other fields still change.
    org_services.organisation_update(organisation=town.org, by=town.member, city="Nystad")
    town.org.refresh_from_db()
    assert town.org.city == "Nystad"

    client.force_login(town.member)
    response = client.get(reverse("initiatives:organisation", args=[town.org.pk]))
    assert response.context["form"]["org_number"].field.disabled
    page = response.content.decode()
    assert "organisationsnumret kan inte längre ändras här" in page
    # A forged post with another number is ignored for the disabled field.
    data = profile_data(town.org) | {"org_number": factories.org_number(), "city": "Tredje"}
    response = client.post(reverse("initiatives:organisation", args=[town.org.pk]), data)
    assert response.status_code == 302
    town.org.refresh_from_db()
    assert (town.org.org_number, town.org.city) == (new_number, "Tredje")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("5050-1055", "5050-1055"), ("50501055", "5050-1055"), ("991-2346", "991-2346")],
)
def test_a_valid_bankgiro_is_stored_in_its_usual_form(town, typed, stored):
    org_services.organisation_update(organisation=town.org, by=town.member, bankgiro=typed)
    town.org.refresh_from_db()
    assert town.org.bankgiro == stored


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("5050-1056", "bankgiro_checksum"),
        ("12-34", "bankgiro_format"),
        ("abcd-efgh", "bankgiro_format"),
    ],
)
def test_a_wrong_bankgiro_is_refused_with_a_reason(client, town, typed, code):
    with pytest.raises(ValidationError) as refused:
        org_services.organisation_update(organisation=town.org, by=town.member, bankgiro=typed)
    assert refused.value.code == code
    client.force_login(town.member)
    url = reverse("initiatives:organisation", args=[town.org.pk])
    response = client.post(
        url, profile_data(town.org, bankgiro=typed, city="Ändrad", name="Nytt namn")
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["bankgiro"]
    assert (form["city"].value(), form["name"].value()) == ("Ändrad", "Nytt namn")
    page = response.content.decode()
    assert 'href="#id_bankgiro"' in page
    assert "<h1>Läxhjälpsföreningen</h1>" in page  # the refused name is not shown as saved
    town.org.refresh_from_db()
    assert town.org.bankgiro == "" and town.org.city == "Demostad"


def test_a_kontaktperson_reads_the_profile_but_cannot_change_it(client, town):
    kontakt = join(town, town.org, KONTAKT, "kontakt")
    with pytest.raises(PermissionDenied):
        org_services.organisation_update(organisation=town.org, by=kontakt, city="X")
    client.force_login(kontakt)
    url = reverse("initiatives:organisation", args=[town.org.pk])
    response = client.get(url)
    assert response.context["form"] is None
    assert town.org.org_number in response.content.decode()
    response = client.post(url, profile_data(town.org, city="X"))
    assert response.status_code == 403
    town.org.refresh_from_db()
    assert town.org.city == "Demostad"


def test_script_typed_into_the_profile_and_names_is_shown_as_text(client, town):
    script = '<script>alert("x")</script>'
    org_services.organisation_update(
        organisation=town.org, by=town.member, name=f"Förening {script}", city=script
    )
    join(town, town.org, KONTAKT, "kontakt")
    kontakt = membership(Membership.objects.get(user__username="kontakt").user, town.org).user
    kontakt.first_name = script
    kontakt.save()
    client.force_login(town.member)
    for url_name in ("initiatives:organisation", "initiatives:organisation_members"):
        page = client.get(reverse(url_name, args=[town.org.pk])).content.decode()
        assert "<script>alert" not in page
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


# --- Documents ----------------------------------------------------------------------------------


def test_a_document_is_stored_with_its_year_and_served_only_to_those_entitled(client, town):
    kontakt = join(town, town.org, KONTAKT, "kontakt")
    document = org_services.organisation_document_add(
        organisation=town.org,
        by=kontakt,
        kind=OrganisationDocument.Kind.ARSREDOVISNING,
        year=2025,
        uploaded_file=pdf_upload("Årsredovisning 2025.pdf"),
    )
    assert (document.original_name, document.content_type) == (
        "Årsredovisning_2025.pdf",
        "application/pdf",
    )
    assert document.history.count() == 1
    url = document.get_absolute_url()

    def status(user):
        client.force_login(user)
        return client.get(url).status_code

    # Staff see it only once they handle one of the organisation's cases.
    assert status(town.handlaggare) == 404
    town.submitted()
    assert {
        "firmatecknare": status(town.member),
        "kontaktperson": status(kontakt),
        "handläggare at the case's förvaltning": status(town.handlaggare),
        "handläggare elsewhere": status(town.handlaggare_amf),
        "another organisation": status(town.other_member),
    } == {
        "firmatecknare": 200,
        "kontaktperson": 200,
        "handläggare at the case's förvaltning": 200,
        "handläggare elsewhere": 404,
        "another organisation": 404,
    }
    client.force_login(town.member)
    response = client.get(url)
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == document.file.open("rb").read()
    client.logout()
    assert client.get(url).status_code == 302


def test_an_oversized_or_mislabelled_document_is_refused_and_the_form_is_kept(
    client, town, settings
):
    client.force_login(town.member)
    url = reverse("initiatives:organisation", args=[town.org.pk])
    pdf = pdf_bytes("Stadgar")
    settings.IOP_ATTACHMENT_MAX_BYTES = len(pdf) - 1
    data = {"action": "document", "kind": "stadgar", "year": "2024"}
    response = client.post(url, data | {"file": pdf_upload("stadgar.pdf", pdf)})
    assert response.status_code == 200
    form = response.context["document_form"]
    assert "En fil får vara högst" in form.errors["file"][0]
    assert (form["kind"].value(), form["year"].value()) == ("stadgar", "2024")
    page = response.content.decode()
    assert 'href="#id_file"' in page

    settings.IOP_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
    png = SimpleUploadedFile("stadgar.pdf", png_bytes(), content_type="application/pdf")
    response = client.post(url, data | {"file": png})
    form = response.context["document_form"]
    assert form.errors["file"] == [
        "Filen stadgar.pdf heter .pdf men innehållet är PNG. Kontrollera att du valt rätt fil."
    ]
    assert form["year"].value() == "2024"
    assert not OrganisationDocument.objects.exists()

    response = client.post(url, data | {"year": "20x4", "file": pdf_upload()})
    assert response.context["document_form"].errors["year"]
    assert not OrganisationDocument.objects.exists()


def test_profile_page_runs_the_same_queries_for_1_and_50_documents(
    client, town, django_assert_num_queries
):
    pdf = pdf_bytes("Handling")

    def add(year):
        org_services.organisation_document_add(
            organisation=town.org,
            by=town.member,
            kind=OrganisationDocument.Kind.VERKSAMHETSBERATTELSE,
            year=year,
            uploaded_file=pdf_upload(f"vb{year}.pdf", pdf),
        )

    add(1970)
    url = reverse("initiatives:organisation", args=[town.org.pk])
    client.force_login(town.member)
    client.get(url)  # warm the session
    # session, user, the organisation, the user's role, whether a case is registered,
    # the documents with their uploaders
    with django_assert_num_queries(6) as one:
        response = client.get(url)
    assert len(response.context["documents"]) == 1
    for year in range(1971, 2020):
        add(year)
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert len(response.context["documents"]) == 50


def test_a_new_organisation_stores_its_bankgiro_in_the_usual_form(town):
    organisation = factories.organisation(town.member, bankgiro="50501055")
    assert organisation.bankgiro == "5050-1055"
    with pytest.raises(ValidationError):
        factories.organisation(town.member, bankgiro="50501056")
