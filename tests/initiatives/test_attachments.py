"""Case attachments: type by content, limits, safe names, private storage, permissions."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.uploads import sanitise_filename
from initiatives import attachment_services, services
from initiatives.models import Attachment, DiaryEntry

from .. import files

pytestmark = pytest.mark.django_db

ACCEPTED = [
    ("plan.pdf", files.pdf_bytes, "application/pdf"),
    (
        "budget.xlsx",
        files.xlsx_bytes,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    (
        "stadgar.docx",
        files.docx_bytes,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    ("protokoll.odt", files.odt_bytes, "application/vnd.oasis.opendocument.text"),
    ("bild.jpg", files.jpeg_bytes, "image/jpeg"),
    ("karta.png", files.png_bytes, "image/png"),
]


@pytest.mark.parametrize(("name", "make", "content_type"), ACCEPTED)
def test_each_accepted_type_is_stored_with_the_type_its_content_shows(
    town, name, make, content_type
):
    draft = town.draft()
    upload = files.upload(name, make(), content_type="text/plain")  # the browser's claim is ignored
    attachment = attachment_services.attachment_add(
        initiative=draft, uploaded_file=upload, by=town.member
    )
    assert attachment.content_type == content_type
    assert attachment.original_name == name
    assert attachment.file.read() == make()
    # Stored under a random name, never the user's.
    assert name not in attachment.file.name


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("skript.pdf", b"<script>alert(1)</script>", "inte av en tillåten typ"),
        ("program.exe", b"MZ\x90\x00" + b"\x00" * 200, "inte av en tillåten typ"),
        ("bild.png", None, "heter .png men innehållet är PDF"),
        ("tom.pdf", b"", "är tom"),
    ],
)
def test_a_wrong_file_is_refused_in_swedish_and_nothing_is_stored(
    town, settings, name, content, message
):
    draft = town.draft()
    content = files.pdf_bytes() if content is None else content
    with pytest.raises(ValidationError) as error:
        attachment_services.attachment_add(
            initiative=draft, uploaded_file=files.upload(name, content), by=town.member
        )
    assert message in error.value.messages[0]
    assert not Attachment.objects.exists()
    media = settings.MEDIA_ROOT / "attachments"
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_size_limits_per_file_and_per_case(town, settings):
    pdf = files.pdf_bytes()
    settings.IOP_ATTACHMENT_MAX_BYTES = len(pdf) - 1
    draft = town.draft()
    with pytest.raises(ValidationError) as error:
        attachment_services.attachment_add(
            initiative=draft, uploaded_file=files.upload("a.pdf", pdf), by=town.member
        )
    assert "En fil får vara högst" in error.value.messages[0]

    settings.IOP_ATTACHMENT_MAX_BYTES = len(pdf)
    settings.IOP_ATTACHMENTS_PER_CASE_MAX_BYTES = len(pdf) * 2
    for n in range(2):
        attachment_services.attachment_add(
            initiative=draft, uploaded_file=files.upload(f"{n}.pdf", pdf), by=town.member
        )
    with pytest.raises(ValidationError) as error:
        attachment_services.attachment_add(
            initiative=draft, uploaded_file=files.upload("c.pdf", pdf), by=town.member
        )
    assert "ärendets bilagor får vara högst" in error.value.messages[0]
    assert draft.attachments.count() == 2


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\anna\\Årsredovisning 2025.pdf", "Årsredovisning_2025.pdf"),
        ('"><script>.pdf', "script.pdf"),
        ("utan ändelse", "utan_ändelse.pdf"),
        ("...", "bilaga.pdf"),
        ("fel.PDF", "fel.pdf"),
    ],
)
def test_file_names_are_sanitised(given, expected):
    assert sanitise_filename(given, "application/pdf") == expected


def test_outsiders_cannot_attach_and_a_submitted_case_keeps_its_files(town):
    draft = town.draft()
    with pytest.raises(PermissionDenied):
        attachment_services.attachment_add(
            initiative=draft,
            uploaded_file=files.upload("a.pdf", files.pdf_bytes()),
            by=town.other_member,
        )
    attachment = attachment_services.attachment_add(
        initiative=draft, uploaded_file=files.upload("a.pdf", files.pdf_bytes()), by=town.member
    )
    services.initiative_submit(initiative=draft, by=town.member)
    with pytest.raises(ValidationError):
        attachment_services.attachment_remove(attachment=attachment, by=town.member)
    assert Attachment.objects.filter(pk=attachment.pk).exists()


def test_a_supplement_after_submission_is_registered_in_the_diary(town):
    case = town.submitted()
    attachment_services.attachment_add(
        initiative=case,
        uploaded_file=files.upload("komplettering.pdf", files.pdf_bytes()),
        by=town.member,
    )
    entry = DiaryEntry.objects.filter(initiative=case).last()
    assert entry.subject == "Bilaga: komplettering.pdf"
    assert town.org.name in entry.sender


def test_download_only_for_those_who_see_the_case(client, town):
    case = town.submitted()
    content = files.pdf_bytes()
    attachment = attachment_services.attachment_add(
        initiative=case, uploaded_file=files.upload("plan.pdf", content), by=town.member
    )
    url = reverse("initiatives:attachment", args=[attachment.pk])
    for user, status in [
        (town.member, 200),
        (town.handlaggare, 200),
        (town.other_member, 404),
        (town.handlaggare_amf, 404),
    ]:
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == status, user
        if status == 200:
            assert b"".join(response.streaming_content) == content
            assert response["Content-Disposition"].startswith("attachment;")
            assert response["Content-Type"] == "application/pdf"
            assert response["Cache-Control"] == "private, no-store"
    client.logout()
    assert client.get(url).status_code == 302  # to the login page
