"""Every file the portal hands out: never cached (public data aside), under a safe name."""

import re
from urllib.parse import unquote

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import JsonResponse
from django.urls import reverse

from agreements import services as agreement_services
from core import responses
from core.responses import safe_filename
from initiatives import attachment_services
from organisations import services as organisation_services
from organisations.models import OrganisationDocument

from .. import files

# What the header may say: a quoted ASCII name, or RFC 6266's UTF-8 form for å, ä and ö.
DISPOSITION = re.compile(r"^(attachment|inline); filename(?:=\"([-\w.]+)\"|\*=utf-8''([-\w.%]+))$")


def sent_name(response, kind="attachment") -> str:
    """The file name the response gives, after checking the header's form."""
    match = DISPOSITION.match(response["Content-Disposition"])
    assert match, response["Content-Disposition"]
    assert match[1] == kind
    name = match[2] or unquote(match[3])
    assert name == safe_filename(name), name
    return name


def private(response) -> None:
    # The admin's own never_cache adds max-age=0, no-cache, must-revalidate to its pages.
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives, response["Cache-Control"]


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("kvittens-SOF 2026-0001-01.06.pdf", "kvittens-SOF_2026-0001-01.06.pdf"),
        ("avtal-SOF 2026/12.pdf", "avtal-SOF_2026-12.pdf"),
        ("Årsredovisning för förening.pdf", "Årsredovisning_för_förening.pdf"),
        ('a"; filename="evil.exe', "a-_filename-evil.exe"),
        ("../../etc/passwd", "etc-passwd"),
        ("rätt\u202egnp.pdf", "rättgnp.pdf"),
        ("\r\n.hidden", "hidden"),
        ("...", "fil"),
    ],
)
def test_a_file_name_is_safe_and_keeps_swedish_letters(given, expected):
    assert safe_filename(given) == expected


def test_a_pdf_response_is_private_and_keeps_swedish_letters_in_the_name():
    response = responses.pdf_response(b"%PDF-1.7", filename="Tjänsteutlåtande SOF 2026/1.pdf")
    assert response["Content-Type"] == "application/pdf"
    private(response)
    assert sent_name(response) == "Tjänsteutlåtande_SOF_2026-1.pdf"
    assert response.content == b"%PDF-1.7"


def test_a_generated_file_response_is_private_unless_told_otherwise():
    response = responses.file_response("a;b\n", filename="lista.csv", content_type="text/csv")
    private(response)
    assert sent_name(response) == "lista.csv"
    public = responses.file_response(
        "", filename="x.csv", content_type="text/csv", cache_control=responses.PUBLIC_REVALIDATE
    )
    assert public["Cache-Control"] == "public, no-cache"


def test_a_stored_file_response_is_private_and_streams_the_file(settings, tmp_path):
    stored = default_storage.save("prov/fil.pdf", ContentFile(b"%PDF-1.7 innehall"))
    field_file = default_storage.open(stored)
    response = responses.stored_file_response(
        field_file, filename="Närvaro ö.pdf", content_type="application/pdf"
    )
    private(response)
    assert sent_name(response) == "Närvaro_ö.pdf"
    assert b"".join(response.streaming_content) == b"%PDF-1.7 innehall"
    field_file.close()


def test_headers_given_to_a_json_response_inline():
    response = responses.with_download_headers(
        JsonResponse({"a": 1}), filename="data.json", inline=True
    )
    private(response)
    assert sent_name(response, kind="inline") == "data.json"


def test_the_kvittens_is_private_under_its_diarienummer(client, town):
    case = town.submitted()
    client.force_login(town.member)
    response = client.get(reverse("initiatives:receipt", args=[case.pk]))
    assert response.status_code == 200
    private(response)
    assert sent_name(response) == safe_filename(f"kvittens-{case.diarienummer}.pdf")
    assert " " not in sent_name(response)


def test_an_attachment_is_private_and_keeps_its_swedish_name(client, town):
    attachment = attachment_services.attachment_add(
        initiative=town.draft(),
        uploaded_file=files.upload("Årsplan för 2026.pdf", files.pdf_bytes()),
        by=town.member,
    )
    client.force_login(town.member)
    response = client.get(reverse("initiatives:attachment", args=[attachment.pk]))
    private(response)
    assert sent_name(response) == "Årsplan_för_2026.pdf"


def test_an_organisation_document_is_private(client, town):
    document = organisation_services.organisation_document_add(
        organisation=town.org,
        by=town.member,
        kind=OrganisationDocument.Kind.STADGAR,
        year=2025,
        uploaded_file=files.upload("Stadgar å.pdf", files.pdf_bytes()),
    )
    client.force_login(town.member)
    response = client.get(document.get_absolute_url())
    private(response)
    assert sent_name(response) == "Stadgar_å.pdf"


def test_the_staff_pdfs_are_private_under_safe_names(client, town):
    case = town.active()
    decision = case.decisions.get()
    client.force_login(town.secretary)
    for url in (
        reverse("admin:initiatives_initiative_tjansteutlatande", args=[case.pk]),
        reverse("admin:initiatives_initiative_protokollsutdrag", args=[case.pk, decision.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "application/pdf"
        private(response)
        assert sent_name(response).startswith(("tjansteutlatande-SOF_", "protokollsutdrag-SOF_"))
    client.force_login(town.handlaggare)
    response = client.get(reverse("admin:agreements_agreement_pdf", args=[case.agreement.pk]))
    assert response.status_code == 200
    private(response)
    assert sent_name(response) == safe_filename(f"avtal-{case.diarienummer}.pdf")


def test_the_agreement_draft_pdf_is_private(client, town):
    agreement = agreement_services.agreement_create_draft(
        initiative=town.assessed(), by=town.handlaggare
    )
    version = agreement_services.agreement_send_to_organisation(
        agreement=agreement, by=town.handlaggare
    )
    client.force_login(town.member)
    response = client.get(reverse("agreements:draft_pdf", args=[agreement.initiative_id]))
    assert response.status_code == 200
    private(response)
    assert sent_name(response) == f"avtal-{agreement.initiative_id}-version-{version.number}.pdf"


def test_the_public_register_downloads_are_public_and_revalidated(client, db):
    # Published data, the same for everyone: a cache may keep it, but asks each time.
    csv = client.get(reverse("public:register_csv"))
    assert csv["Cache-Control"] == "public, no-cache"
    assert sent_name(csv) == "iop-partnerskap.csv"
    data = client.get(reverse("public:register_json"))
    assert data["Cache-Control"] == "public, no-cache"
    assert sent_name(data, kind="inline") == "iop-partnerskap.json"
