"""The initiative wizard: each step saves the draft, resumes where it was left, and submits."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from initiatives import wizard
from initiatives.models import Attachment, DraftProgress, Initiative, Status

from .. import factories, files
from ..decisions.test_documents import pdf_text

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def step_url(initiative, slug):
    return reverse("initiatives:step", args=[initiative.pk, slug])


def step_data(slug, **overrides):
    """What a user types into step `slug`, as the form posts it."""
    full = dict(factories.FULL_INITIATIVE)
    full["term_start"], full["term_end"] = "2027-01-01", "2027-12-31"
    names = wizard.STEP_BY_SLUG[slug].fields
    return {name: full[name] for name in names if name in full} | overrides


def start(client, town, **overrides):
    data = {"organisation": town.org.pk, "forvaltning": town.sof.pk}
    data |= step_data("organisation") | {"next": "1"} | overrides
    response = client.post(reverse("initiatives:create"), data)
    return response, Initiative.objects.filter(organisation=town.org).first()


def walk_to_review(client, town):
    client.force_login(town.member)
    response, draft = start(client, town)
    assert response.url == step_url(draft, "utmaning")
    for slug in ("utmaning", "verksamhet", "resurser"):
        response = client.post(step_url(draft, slug), step_data(slug, next="1"))
        assert response.status_code == 302, response.context["form"].errors
    upload = files.upload("budget.pdf", files.pdf_bytes("Budget 2027"))
    response = client.post(
        step_url(draft, "bilagor"), {"file": upload, "description": "Budget", "next": "1"}
    )
    assert response.url == step_url(draft, "granska")
    return draft


def test_each_step_saves_the_draft_and_the_review_submits_it(
    client, town, django_capture_on_commit_callbacks
):
    draft = walk_to_review(client, town)
    draft.refresh_from_db()
    for name, value in factories.FULL_INITIATIVE.items():
        assert getattr(draft, name) == value, name
    assert DraftProgress.objects.get(initiative=draft).step == "granska"

    page = client.get(step_url(draft, "granska")).content.decode()
    assert factories.FULL_INITIATIVE["challenge"] in page and "budget.pdf" in page
    assert "Det här saknas" not in page

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(step_url(draft, "granska"), {"submit": "1"}, follow=True)
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert draft.diarienummer in response.content.decode()
    # The receipt, and the sakkunnig's notice of a case nobody handles yet.
    assert [sorted(m.to) for m in mail.outbox] == [
        sorted([town.member.email, town.org.contact_email]),
        [draft.forvaltning.contact_email],
    ]
    # Read-only from now on: every step sends the organisation to the case page.
    response = client.get(step_url(draft, "utmaning"))
    assert response.url == draft.get_absolute_url()
    response = client.post(step_url(draft, "utmaning"), step_data("utmaning", challenge="Ändrat"))
    draft.refresh_from_db()
    assert draft.challenge == factories.FULL_INITIATIVE["challenge"]


def test_a_draft_resumes_at_the_step_it_was_left_at(client, town):
    client.force_login(town.member)
    _, draft = start(client, town)
    response = client.post(step_url(draft, "utmaning"), step_data("utmaning", later="1"))
    assert response.url == reverse("initiatives:my_cases")
    other_device = type(client)()
    other_device.force_login(town.member)
    response = other_device.get(reverse("initiatives:edit", args=[draft.pk]))
    assert response.url == step_url(draft, "utmaning")
    page = other_device.get(response.url).content.decode()
    assert factories.FULL_INITIATIVE["challenge"] in page


def test_invalid_values_are_explained_by_the_field_and_valid_ones_kept(client, town):
    client.force_login(town.member)
    _, draft = start(client, town)
    response = client.post(
        step_url(draft, "verksamhet"), step_data("verksamhet", term_end="2026-06-01", next="1")
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["term_end"] == [
        "Slutdatumet måste vara samma dag som eller efter startdatumet."
    ]
    page = response.content.decode()
    assert 'href="#id_term_end"' in page  # the summary at the top links to the field
    assert 'value="2026-06-01"' in page  # what was typed is still there
    draft.refresh_from_db()
    assert draft.activity == factories.FULL_INITIATIVE["activity"] and draft.term_end is None

    response = client.post(
        step_url(draft, "resurser"), step_data("resurser", requested_amount_per_year="-5")
    )
    assert response.context["form"].errors["requested_amount_per_year"] == [
        "Beloppet kan inte vara negativt."
    ]


def test_submit_of_an_incomplete_draft_names_the_missing_fields_with_links(client, town):
    client.force_login(town.member)
    _, draft = start(client, town)
    response = client.post(step_url(draft, "granska"), {"submit": "1"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Fyll i det här fältet innan initiativet skickas in." in page
    assert f'href="{step_url(draft, "utmaning")}#id_challenge"' in page
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT and draft.title == factories.FULL_INITIATIVE["title"]


def test_the_first_step_needs_a_title_and_stores_nothing_without_one(client, town):
    client.force_login(town.member)
    response, draft = start(client, town, title="")
    assert response.status_code == 200
    assert response.context["form"].errors["title"]
    assert draft is None


def test_a_forged_organisation_is_refused_and_nothing_is_stored(client, town):
    client.force_login(town.member)
    response, _ = start(client, town, organisation=town.other_org.pk)
    assert response.status_code == 404
    response, _ = start(client, town, organisation="inte-ett-id")
    assert response.status_code == 404
    assert not Initiative.objects.exists()


def test_someone_elses_draft_is_not_found(client, town):
    draft = town.draft()
    client.force_login(town.other_member)
    for slug in ("organisation", "utmaning", "bilagor", "granska"):
        assert client.get(step_url(draft, slug)).status_code == 404
        assert client.post(step_url(draft, slug), step_data("utmaning")).status_code == 404
    assert client.get(reverse("initiatives:edit", args=[draft.pk])).status_code == 404
    draft.refresh_from_db()
    assert draft.challenge == factories.FULL_INITIATIVE["challenge"]


def test_the_guide_can_hand_its_answers_to_a_new_draft(client, town):
    client.force_login(town.member)
    session = client.session
    session[wizard.GUIDE_SESSION_KEY] = {
        "title": "Från guiden",
        "challenge": "Ensamhet bland äldre",
        "requested_amount_per_year": "-1",  # invalid: not carried over
        "unknown": "ignored",
    }
    session.save()
    assert 'value="Från guiden"' in client.get(reverse("initiatives:create")).content.decode()
    _, draft = start(client, town, title="Från guiden")
    assert draft.challenge == "Ensamhet bland äldre"
    assert draft.requested_amount_per_year is None
    assert wizard.GUIDE_SESSION_KEY not in client.session


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("skript.pdf", b"<script>alert(1)</script>", "inte av en tillåten typ"),
        ("bild.png", None, "heter .png men innehållet är PDF"),
        ("stor.pdf", "big", "En fil får vara högst"),
    ],
)
def test_a_refused_file_is_explained_by_the_field_and_the_description_kept(
    client, town, settings, name, content, message
):
    settings.IOP_ATTACHMENT_MAX_BYTES = 5000
    client.force_login(town.member)
    draft = town.draft()
    content = {None: files.pdf_bytes(), "big": b"%PDF-1.4\n" + b"0" * 6000}.get(content, content)
    response = client.post(
        step_url(draft, "bilagor"),
        {"file": files.upload(name, content), "description": "Viktig bilaga", "upload": "1"},
    )
    assert response.status_code == 200
    assert message in response.context["form"].errors["file"][0]
    page = response.content.decode()
    assert 'href="#id_file"' in page and 'value="Viktig bilaga"' in page
    assert not Attachment.objects.exists()


def test_attachments_are_listed_and_removable_while_a_draft(client, town):
    client.force_login(town.member)
    draft = town.draft()
    for n in range(2):
        client.post(
            step_url(draft, "bilagor"),
            {
                "file": files.upload(f"bilaga{n}.pdf", files.pdf_bytes()),
                "description": f"B{n}",
                "upload": "1",
            },
        )
    first, second = Attachment.objects.order_by("pk")
    page = client.get(step_url(draft, "bilagor")).content.decode()
    assert "bilaga0.pdf" in page and "bilaga1.pdf" in page
    client.post(step_url(draft, "bilagor"), {"remove": first.pk})
    assert list(Attachment.objects.all()) == [second]
    # Another case's file cannot be removed through this draft.
    other = town.draft(title="Annat")
    client.post(step_url(other, "bilagor"), {"remove": second.pk})
    assert Attachment.objects.filter(pk=second.pk).exists()


def test_the_kvittens_is_exactly_what_was_submitted_and_shows_markup_as_text(client, town):
    case = town.submitted(**{name: f"{name} {HOSTILE}" for name in factories.TEXT_FIELDS})
    client.force_login(town.member)
    response = client.get(reverse("initiatives:receipt", args=[case.pk]))
    assert response["Content-Type"] == "application/pdf"
    text, _ = pdf_text(response.content)
    assert case.diarienummer in text
    assert "Kvittens" in text and town.org.name in text
    for name in factories.TEXT_FIELDS:
        assert f'{name} <script>alert("x")</script>' in text, name
    assert "200 000 kr" in text and "2027-01-01" in text
    # A later change to the case row does not change what the kvittens says was submitted.
    Initiative.objects.filter(pk=case.pk).update(title="Ändrad i efterhand")
    text, _ = pdf_text(client.get(reverse("initiatives:receipt", args=[case.pk])).content)
    assert "Ändrad i efterhand" not in text and f"title {HOSTILE}"[:20] in text
    client.force_login(town.other_member)
    assert client.get(reverse("initiatives:receipt", args=[case.pk])).status_code == 404


def test_markup_typed_into_the_wizard_is_shown_as_text_on_the_review(client, town):
    client.force_login(town.member)
    draft = town.draft(**{name: f"{name} {HOSTILE}" for name in factories.TEXT_FIELDS})
    page = client.get(step_url(draft, "granska")).content.decode()
    assert "<script>alert" not in page and "<img src=x" not in page
    for name in factories.TEXT_FIELDS:
        assert f"{name} &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


@pytest.mark.parametrize("slug", ["nytt", *(step.slug for step in wizard.STEPS)])
def test_each_step_runs_a_fixed_number_of_queries(client, town, slug, django_assert_num_queries):
    client.force_login(town.member)
    draft = town.draft()
    url = reverse("initiatives:create") if slug == "nytt" else step_url(draft, slug)
    client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(49):
        town.draft(title=f"Utkast {n}")
        factories.organisation(town.member)
        Attachment.objects.create(
            initiative=draft,
            file=f"x/{n}",
            original_name=f"{n}.pdf",
            content_type="application/pdf",
            size=10,
        )
    with django_assert_num_queries(len(one.captured_queries)):
        assert client.get(url).status_code == 200


def test_the_submit_step_runs_a_fixed_number_of_queries(client, town):
    client.force_login(town.member)
    counts = []
    for attachments in (1, 50):
        draft = town.draft()
        for n in range(attachments):
            Attachment.objects.create(
                initiative=draft,
                file=f"x/{n}",
                original_name=f"{n}.pdf",
                content_type="application/pdf",
                size=10,
            )
        url = step_url(draft, "granska")
        with CaptureQueriesContext(connection) as counted:
            assert client.post(url, {"submit": "1"}).status_code == 302
        counts.append(len(counted.captured_queries))
    # Session, user, draft, membership; the submission's locks, writes and history, and the
    # receipt's and the sakkunnig's rows in the mail outbox: 24.
    assert counts == [24, 24]
