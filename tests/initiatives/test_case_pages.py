"""Case messages, my cases and the case page, as the organisation sees them."""

import pytest
from django.core import mail
from django.db import connection
from django.db.models import ProtectedError
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agreements.models import ReportDate
from initiatives import message_services
from initiatives import services as services_initiatives
from initiatives.models import Attachment, CaseMessage, DialogueMeeting, DiaryEntry

from .. import factories, files

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"


def messages_url(case):
    return reverse("initiatives:messages", args=[case.pk])


def test_a_message_exchange_is_registered_and_mailed_to_the_other_side(
    client, town, django_capture_on_commit_callbacks
):
    case = town.submitted()
    client.force_login(town.member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            messages_url(case),
            {
                "body": "När kan vi ses?",
                "file": files.upload("plan.pdf", files.pdf_bytes()),
                "description": "Verksamhetsplan",
            },
        )
    assert response.status_code == 302
    message = CaseMessage.objects.get()
    assert not message.from_staff and message.attachments.get().original_name == "plan.pdf"
    # No handläggare yet: the förvaltning's contact is told.
    assert mail.outbox[-1].to == ["christina@kommun.example"]
    assert (
        "När kan vi ses?" in mail.outbox[-1].body and case.diarienummer in mail.outbox[-1].subject
    )
    # Each mail links straight to where the other side answers.
    assert reverse("admin:initiatives_casemessage_reply", args=[case.pk]) in mail.outbox[-1].body
    subjects = list(DiaryEntry.objects.filter(initiative=case).values_list("document", flat=True))
    assert "Meddelande" in subjects and "Bilaga" in subjects

    client.force_login(town.handlaggare)
    reply_url = reverse("admin:initiatives_casemessage_reply", args=[case.pk])
    assert "När kan vi ses?" in client.get(reply_url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reply_url, {"body": "Tisdag klockan 10 passar bra."})
    assert response.status_code == 302
    assert sorted(mail.outbox[-1].to) == sorted({town.member.email, town.org.contact_email})
    assert messages_url(case) in mail.outbox[-1].body
    reply = CaseMessage.objects.latest("pk")
    assert reply.from_staff and reply.author == town.handlaggare
    admin_page = client.get(reverse("admin:initiatives_initiative_change", args=[case.pk]))
    assert "Tisdag klockan 10 passar bra." in admin_page.content.decode()

    client.force_login(town.member)
    page = client.get(messages_url(case)).content.decode()
    assert "Tisdag klockan 10 passar bra." in page and "plan.pdf" in page


def test_a_message_goes_to_the_assigned_handlaggare(town, django_capture_on_commit_callbacks):
    case = town.in_assessment()
    from initiatives.assignment_services import initiative_assign

    initiative_assign(initiative=case, handlaggare=town.handlaggare, by=town.handlaggare)
    case.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        message_services.message_send(initiative=case, by=town.member, body="Hej")
    assert mail.outbox[-1].to == [town.handlaggare.email]


def test_a_sent_message_cannot_be_changed_or_deleted(client, town):
    case = town.submitted()
    message = message_services.message_send(initiative=case, by=town.member, body="Original")
    message.body = "Ändrad"
    with pytest.raises(ProtectedError):
        message.save()
    with pytest.raises(ProtectedError):
        message.delete()
    with pytest.raises(ProtectedError):
        CaseMessage.objects.filter(pk=message.pk).update(body="Ändrad")
    with pytest.raises(ProtectedError):
        CaseMessage.objects.all().delete()
    client.force_login(town.handlaggare)
    url = reverse("admin:initiatives_casemessage_change", args=[message.pk])
    client.post(url, {"body": "Ändrad"})
    assert (
        client.post(reverse("admin:initiatives_casemessage_delete", args=[message.pk])).status_code
        == 403
    )
    assert CaseMessage.objects.get().body == "Original"


def test_messages_are_refused_on_drafts_and_other_organisations_cases(client, town):
    draft = town.draft()
    case = town.submitted(title="Inskickat")
    client.force_login(town.other_member)
    assert client.get(messages_url(case)).status_code == 404
    assert client.post(messages_url(case), {"body": "Intrång"}).status_code == 404
    client.force_login(town.member)
    assert client.get(messages_url(draft)).status_code == 404
    client.force_login(town.handlaggare_amf)  # staff of another förvaltning
    reply_url = reverse("admin:initiatives_casemessage_reply", args=[case.pk])
    assert client.post(reply_url, {"body": "Fel förvaltning"}).status_code == 404
    assert not CaseMessage.objects.exists()


def test_an_empty_message_or_a_wrong_file_is_explained_and_the_text_kept(client, town):
    case = town.submitted()
    client.force_login(town.member)
    response = client.post(messages_url(case), {"body": "  "})
    assert response.context["form"].errors["body"] == ["Skriv ett meddelande."]
    response = client.post(
        messages_url(case),
        {"body": "Se bilagan", "file": files.upload("bild.png", files.pdf_bytes())},
    )
    assert "heter .png men innehållet är PDF" in response.context["form"].errors["file"][0]
    assert "Se bilagan" in response.content.decode()
    assert not CaseMessage.objects.exists() and not Attachment.objects.exists()


def test_markup_in_a_message_is_shown_as_text(client, town):
    case = town.submitted()
    message_services.message_send(initiative=case, by=town.member, body=f"body {HOSTILE}")
    for user, url in (
        (town.member, messages_url(case)),
        (town.handlaggare, reverse("admin:initiatives_initiative_change", args=[case.pk])),
        (town.handlaggare, reverse("admin:initiatives_casemessage_reply", args=[case.pk])),
    ):
        client.force_login(user)
        page = client.get(url).content.decode()
        assert "<script>alert" not in page and f"body {ESCAPED}" in page


def test_my_cases_shows_the_next_date_and_searches_by_organisation(client, town):
    case = town.active()
    town.submitted(title="Inskickat utan avtal")
    client.force_login(town.member)
    first_due = ReportDate.objects.filter(agreement__initiative=case).earliest("due_date")
    page = client.get(reverse("initiatives:my_cases")).content.decode()
    assert f"{first_due.due_date:%Y-%m-%d} (rapport)" in page
    response = client.get(reverse("initiatives:my_cases"), {"q": "Läxhjälpsför"})
    assert response.context["page"].paginator.count == 2
    response = client.get(reverse("initiatives:my_cases"), {"q": "finns inte"})
    assert "Inga ärenden matchar sökningen." in response.content.decode()


def test_the_case_timeline_tells_what_happened_and_what_is_due(client, town):
    case = town.active()
    message_services.message_send(initiative=case, by=town.member, body="Hej")
    DialogueMeeting.objects.create(
        initiative=case,
        held_on=timezone.localdate(case.submitted_at),
        participants="Förvaltningen och föreningen",
        challenge_agreed="Barn saknar läxhjälp.",
        solution_agreed="Läxhjälp tre kvällar i veckan.",
        recorded_by=town.handlaggare,
    )
    client.force_login(town.member)
    timeline = client.get(case.get_absolute_url()).context["timeline"]
    kinds = [event.kind for event in timeline]
    statuses = [event.text for event in timeline if event.kind == "status"]
    assert statuses[0] == "Initiativet kom in och registrerades"
    assert "Partnerskapet började gälla" in statuses
    assert "Nämnden godkände avtalet; det ska undertecknas" in statuses
    for kind in ("dialogue", "decision", "agreement", "document", "report_due", "term_end"):
        assert kind in kinds, kind
    assert timeline == sorted(timeline, key=lambda e: (e.date, e.upcoming))


def _count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as counted:
        assert client.get(url).status_code == 200
    return len(counted.captured_queries)


@pytest.mark.parametrize("page", ["detail", "messages", "report"])
def test_case_pages_run_a_fixed_number_of_queries(client, town, page, django_assert_num_queries):
    case = town.active()
    report_date = ReportDate.objects.filter(agreement__initiative=case).earliest("due_date")
    url = {
        "detail": case.get_absolute_url(),
        "messages": messages_url(case),
        "report": reverse("term:report", args=[case.pk, report_date.pk]),
    }[page]
    client.force_login(town.member)
    message_services.message_send(
        initiative=case,
        by=town.member,
        body="Första",
        files=[(files.upload("a.pdf", files.pdf_bytes()), "")],
    )
    budget = _count(client, url)
    pdf = files.pdf_bytes()
    for n in range(49):
        message_services.message_send(
            initiative=case,
            by=town.member if n % 2 else town.handlaggare,
            body=f"Meddelande {n}",
            files=[(files.upload(f"{n}.pdf", pdf), f"Bilaga {n}")],
        )
        town.submitted(title=f"Ärende {n}")
    with django_assert_num_queries(budget):
        client.get(url)
    # Session and user, the case, then: the timeline's eight sources (status, diary, dialogue,
    # agreement and its amendments, decisions, report dates, evaluation), the files, the report
    # dates with their review state, the amendments, the nämnd's decisions (term.detail_page),
    # the nämnd's §§ on the timeline, the sent protokollsutdrag and the upprättat
    # tjänsteutlåtande (namnd.portal), the membership (detail) and the agreement page's own
    # rule asked before its link is shown (agreements.permissions); the messages
    # with their files (messages); the report date, the contribution lines and the goals (report).
    assert budget == {"detail": 20, "messages": 6, "report": 7}[page]


def test_my_cases_runs_the_same_queries_for_1_and_50_cases(client, town, django_assert_num_queries):
    town.active()
    second_org = factories.organisation(town.member, name="Andra föreningen")
    client.force_login(town.member)
    url = reverse("initiatives:my_cases")
    budget = _count(client, url)
    assert client.get(url).context["page"].paginator.count == 1  # the row was really listed
    for n in range(49):
        organisation = second_org if n % 2 else town.org
        draft = services_initiatives.initiative_save_draft(
            by=town.member,
            organisation=organisation,
            **(factories.FULL_INITIATIVE | {"forvaltning": town.sof, "title": f"Ärende {n}"}),
        )
        if n % 3:
            services_initiatives.initiative_submit(initiative=draft, by=town.member)
    with django_assert_num_queries(budget):
        response = client.get(url)
    assert response.context["page"].paginator.count == 50
    assert len(response.context["page"].object_list) == 20
    assert budget == 5
