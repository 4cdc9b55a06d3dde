"""The notifications that were missing: a comment on the draft, a new initiative nobody has,
the partnership started. Each goes through the outbox with a link to where it is handled."""

import datetime

import pytest

from agreements import services as agreement_services
from agreements import signing_services
from agreements.models import Party, Signature
from core.models import OutboxMail
from initiatives import services as initiative_services

pytestmark = pytest.mark.django_db


def test_a_comment_on_the_draft_tells_the_handlaggare_with_a_link(town):
    case = town.assessed()
    agreement = agreement_services.agreement_create_draft(initiative=case, by=town.handlaggare)
    version = agreement_services.agreement_send_to_organisation(
        agreement=agreement, by=town.handlaggare
    )
    signing_services.agreement_comment(
        initiative=case, version_id=version.pk, by=town.member, text="Kan § 3 ändras?"
    )
    mail = OutboxMail.objects.get(template="agreement_comment")
    assert mail.recipients == [town.handlaggare.email]
    assert "Kan § 3 ändras?" in mail.body
    assert f"/admin/agreements/agreement/{agreement.pk}/change/" in mail.body


def test_a_new_initiative_without_handlaggare_tells_the_sakkunnig(town):
    draft = town.draft()
    initiative_services.initiative_submit(initiative=draft, by=town.member)
    mail = OutboxMail.objects.get(template="initiative_new")
    assert mail.recipients == [town.sof.contact_email]
    assert f"/admin/initiatives/initiative/{draft.pk}/change/" in mail.body


def test_the_partnership_started_tells_the_organisation(town):
    case = town.signing()
    agreement = case.agreement
    for party in (Party.MUNICIPALITY, Party.ORGANISATION):
        assert not OutboxMail.objects.filter(template="partnership_started").exists()
        signing_services.agreement_sign(
            agreement=agreement,
            by=town.handlaggare,
            party=party,
            name="Namn Namnsson",
            place="Demostad",
            signed_on=datetime.date(2026, 11, 10),
            method=Signature.Method.DIGITAL,
        )
    mail = OutboxMail.objects.get(template="partnership_started")
    assert town.org.contact_email in mail.recipients
    assert f"/initiativ/{case.pk}/" in mail.body and "2027-07-02" in mail.body


def test_mitt_arbete_lists_the_comment_and_the_reply_until_answered(client, town):
    from django.urls import reverse

    from initiatives import message_services

    case = town.assessed()
    agreement = agreement_services.agreement_create_draft(initiative=case, by=town.handlaggare)
    version = agreement_services.agreement_send_to_organisation(
        agreement=agreement, by=town.handlaggare
    )
    signing_services.agreement_comment(
        initiative=case, version_id=version.pk, by=town.member, text="Kan § 3 ändras?"
    )
    message_services.message_send(initiative=case, by=town.handlaggare, body="Komplettera gärna.")
    message_services.message_send(initiative=case, by=town.member, body="Här är stadgarna.")
    client.force_login(town.handlaggare)
    url = reverse("admin:initiatives_initiative_start")
    todo = client.get(url).context["todo"]
    assert [row.what for row in todo] == ["Svar från organisationen", "Kommentar på avtalsutkastet"]
    assert todo[1].url == reverse("admin:agreements_agreement_change", args=[agreement.pk])
    # A message from staff answers the message (the comment waits for a new version).
    message_services.message_send(initiative=case, by=town.handlaggare, body="Tack!")
    assert [row.what for row in client.get(url).context["todo"]] == ["Kommentar på avtalsutkastet"]
    # Another handläggare's start page never lists them.
    client.force_login(town.colleague)
    assert client.get(url).context["todo"] == []
