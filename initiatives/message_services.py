"""Writes of a case's messages, and the helpers other stages' case documents share with them."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User
from core.notifications import portal_url, record_language, record_text, send_on_commit
from organisations.models import Membership

from . import attachment_services, permissions
from .models import CaseMessage, DiaryEntry, Initiative
from .workflow import lock_initiative


def case_sender(initiative: Initiative, *, by: User) -> str:
    """Who a document from `by` on the case comes from, as the diary names the sender."""
    if by.is_staff:
        return initiative.forvaltning.name
    organisation = initiative.organisation
    return f"{organisation.name} ({organisation.org_number})"


def case_document_register(
    *,
    initiative: Initiative,
    by: User,
    received_at: datetime.datetime,
    subject: str,
    document: str,
    from_staff: bool | None = None,
    **params,
) -> DiaryEntry:
    """Register a document of the case in the diary: from the organisation or the förvaltning,
    as `by` acts. `subject` and `document` are gettext_noop-marked and stored in Swedish;
    `params` fill in the subject. A document the förvaltning makes is registered by `by`,
    one the organisation sends in by nobody (it arrived through the portal). `from_staff` says
    which side made it when the caller has decided that otherwise than by `by.is_staff` (a
    message is from the organisation's side when its author is a member of it)."""
    if from_staff is None:
        from_staff = by.is_staff
    return DiaryEntry.objects.create(
        initiative=initiative,
        received_at=received_at,
        sender=case_sender(initiative, by=by),
        subject=record_text(subject, **params),
        document=record_text(document),
        registered_by=by if from_staff else None,
    )


def organisation_addresses(initiative: Initiative) -> list[str]:
    # Only current members: a person removed from the organisation no longer gets its mail.
    members = Membership.objects.current().filter(organisation_id=initiative.organisation_id)
    return [
        initiative.organisation.contact_email,
        *members.values_list("user__email", flat=True),
    ]


def staff_addresses(initiative: Initiative) -> list[str]:
    if initiative.handlaggare_id:
        return [initiative.handlaggare.email]
    return [initiative.forvaltning.contact_email]


def attachments_store(*, initiative: Initiative, files, by: User) -> list:
    """Store each (file, description); a refused file raises ValidationError naming it."""
    return [
        attachment_services.attachment_add(
            initiative=initiative, uploaded_file=uploaded, by=by, description=description
        )
        for uploaded, description in files
    ]


@transaction.atomic
def message_send(*, initiative: Initiative, by: User, body: str, files=()) -> CaseMessage:
    """Send a message on the case, register it in the diary and tell the other side by email."""
    initiative = lock_initiative(initiative.pk)
    if not permissions.can_message(by, initiative):
        raise PermissionDenied
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Skriv ett meddelande.")}, code="required")
    from_staff = not permissions.is_case_member(by, initiative)
    message = CaseMessage(initiative=initiative, author=by, from_staff=from_staff, body=body)
    message.full_clean(exclude=["initiative", "author"])
    message.save()
    body = message.body
    stored = attachments_store(initiative=initiative, files=files, by=by)
    if stored:
        message.attachments.add(*stored)
    with record_language():  # the shortening mark ("…") is the diary's language's too
        # A person's name may be 301 characters; the subject is a short line.
        name = Truncator(by.get_full_name()).chars(200)
    case_document_register(
        initiative=initiative,
        by=by,
        received_at=message.sent_at,
        subject=gettext_noop("Meddelande i ärendet från %(name)s"),
        document=gettext_noop("Meddelande"),
        from_staff=from_staff,
        name=name,
    )
    send_on_commit(
        template="case_message",
        context={
            "diarienummer": initiative.diarienummer,
            "title": initiative.title,
            "sender": initiative.forvaltning.name if from_staff else initiative.organisation.name,
            "body": body,
            "attachments": [a.original_name for a in stored],
            "to_staff": not from_staff,
            # Straight to where the other side reads and answers it.
            "url": portal_url(
                "initiatives:messages" if from_staff else "admin:initiatives_casemessage_reply",
                initiative.pk,
            ),
        },
        to=organisation_addresses(initiative) if from_staff else staff_addresses(initiative),
    )
    return message
