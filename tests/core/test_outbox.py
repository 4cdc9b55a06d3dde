"""The mail outbox against a real SMTP server on loopback: refusals, outages, retries, resend."""

import datetime

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core import outbox
from core.models import OutboxMail
from initiatives.models import Status

from ..smtp_server import SMTPServer, free_port

pytestmark = pytest.mark.django_db


def smtp_at(settings, port: int) -> None:
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "use_tls": False, "timeout": 5},
        }
    }


def queue(*addresses: str) -> list[OutboxMail]:
    with transaction.atomic():
        return [outbox.mail_queue(subject=f"Till {a}", body="Hej!", to=[a]) for a in addresses]


def test_a_refused_address_fails_only_its_own_mail(settings):
    with SMTPServer(refuse=["finns.inte@example.org"]) as server:
        smtp_at(settings, server.port)
        good, bad, other = queue("a@example.org", "finns.inte@example.org", "b@example.org")
        assert outbox.outbox_send_due() == 2
        assert server.to() == ["a@example.org", "b@example.org"]
    rows = {m.pk: m for m in OutboxMail.objects.all()}
    assert rows[good.pk].status == rows[other.pk].status == OutboxMail.Status.SENT
    refused = rows[bad.pk]
    # A 5xx answer is final: not tried again, shown to staff with the server's words.
    assert refused.status == OutboxMail.Status.FAILED and refused.attempts == 1
    assert "550" in refused.last_error and "No such user" in refused.last_error


def test_a_server_out_of_reach_keeps_the_mail_and_tries_again_later(settings):
    port = free_port()
    smtp_at(settings, port)
    (mail,) = queue("a@example.org")
    assert outbox.outbox_send_due() == 0
    mail.refresh_from_db()
    assert mail.status == OutboxMail.Status.PENDING and mail.attempts == 1
    assert "ConnectionRefused" in mail.last_error
    # Backoff: the next try is a minute away, then two, then four.
    wait = mail.next_attempt_at - timezone.now()
    assert datetime.timedelta(seconds=50) < wait <= datetime.timedelta(seconds=60)
    assert outbox.outbox_send_due() == 0  # not due yet: nothing is tried
    OutboxMail.objects.update(next_attempt_at=timezone.now())
    outbox.outbox_send_due()
    mail.refresh_from_db()
    wait = mail.next_attempt_at - timezone.now()
    assert mail.attempts == 2 and datetime.timedelta(seconds=110) < wait
    # The server is back: the pick-up sends it.
    with SMTPServer(port) as server:
        OutboxMail.objects.update(next_attempt_at=timezone.now())
        assert outbox.outbox_send_due() == 1
        assert server.to() == ["a@example.org"]
    mail.refresh_from_db()
    assert mail.status == OutboxMail.Status.SENT and mail.sent_at and mail.last_error == ""


def test_after_the_last_attempt_the_mail_fails_and_staff_send_it_again(
    settings, client, town, django_capture_on_commit_callbacks
):
    port = free_port()
    smtp_at(settings, port)
    settings.IOP_OUTBOX_MAX_ATTEMPTS = 2
    (mail,) = queue("a@example.org")
    for _ in range(2):
        OutboxMail.objects.update(next_attempt_at=timezone.now())
        outbox.outbox_send_due()
    mail.refresh_from_db()
    assert mail.status == OutboxMail.Status.FAILED and mail.attempts == 2

    client.force_login(town.superuser)
    changelist = reverse("admin:core_outboxmail_changelist")
    page = client.get(changelist, {"status__exact": "failed"}).content.decode()
    assert "Till a@example.org" in page
    with SMTPServer(port) as server, django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            changelist, {"action": "resend_selected", "_selected_action": [mail.pk]}
        )
    assert response.status_code == 302
    assert server.to() == ["a@example.org"]
    mail.refresh_from_db()
    assert mail.status == OutboxMail.Status.SENT and mail.resent_by == town.superuser


def test_a_handlaggare_neither_sees_nor_resends_the_outbox(client, town):
    (mail,) = queue("a@example.org")
    OutboxMail.objects.update(status=OutboxMail.Status.FAILED)
    client.force_login(town.handlaggare)
    changelist = reverse("admin:core_outboxmail_changelist")
    assert client.get(changelist).status_code == 403
    response = client.post(changelist, {"action": "resend_selected", "_selected_action": [mail.pk]})
    assert response.status_code == 403
    assert OutboxMail.objects.get().status == OutboxMail.Status.FAILED


def test_a_personal_link_is_not_shown_in_the_admin(client, town):
    (mail,) = queue("a@example.org")
    OutboxMail.objects.update(template="password_reset", body="https://portal/konto/losenord/x/")
    client.force_login(town.superuser)
    page = client.get(reverse("admin:core_outboxmail_change", args=[mail.pk])).content.decode()
    assert "/konto/losenord/x/" not in page


def test_a_submit_with_the_mail_server_down_gets_its_receipt_page(
    settings, client, town, django_capture_on_commit_callbacks
):
    """The mail is tried after the commit (here in the request's process, as the worker would):
    the organisation gets its page, the receipt waits in the outbox."""
    smtp_at(settings, free_port())
    draft = town.draft()
    client.force_login(town.member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("initiatives:step", args=[draft.pk, "granska"]), {"submit": "1"}, follow=True
        )
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED and draft.diarienummer in response.content.decode()
    (receipt,) = OutboxMail.objects.filter(template="initiative_receipt")
    assert receipt.status == OutboxMail.Status.PENDING and receipt.attempts == 1
    assert town.org.contact_email in receipt.recipients
