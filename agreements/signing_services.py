"""Writes of the parties' answer to a draft: the organisation's comments, and the signatures."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User
from core.notifications import record_text, send_on_commit
from initiatives import permissions
from initiatives.message_services import organisation_addresses, staff_addresses
from initiatives.models import Initiative, Status
from initiatives.workflow import initiative_transition, lock_initiative

from . import permissions as agreement_permissions
from .models import Agreement, AgreementComment, AgreementVersion, Party, Signature


@transaction.atomic
def agreement_comment(*, initiative: Initiative, version_id: int, by: User, text: str):
    """Store an organisation member's comment on the draft version sent to them."""
    initiative = lock_initiative(initiative.pk)
    if not agreement_permissions.can_comment_on_agreement(by, initiative):
        raise PermissionDenied
    version = (
        AgreementVersion.objects.filter(
            pk=version_id, agreement__initiative=initiative, sent_at__isnull=False
        )
        .select_related("agreement")
        .first()
    )
    if version is None:
        raise ValidationError(
            {
                "text": _(
                    "Kommentaren kunde inte sparas: avtalsutkastet har inte skickats till er "
                    "organisation."
                )
            },
            code="not_sent",
        )
    if initiative.status != Status.AGREEMENT:
        raise ValidationError(
            {"text": _("Avtalet är färdigt och kan inte längre kommenteras.")}, code="closed"
        )
    if not text.strip():
        raise ValidationError({"text": _("Skriv en kommentar.")}, code="required")
    comment = AgreementComment(version=version, author=by, text=text.strip())
    comment.full_clean(exclude=["version", "author"])
    comment.save()
    # The handläggare answers on the agreement's page (a new version, or a message).
    send_on_commit(
        template="agreement_comment",
        context={
            "diarienummer": initiative.diarienummer,
            "title": initiative.title,
            "organisation": initiative.organisation.name,
            "author": by.get_full_name() or by.email,
            "text": comment.text,
            "url": _portal_url(
                reverse("admin:agreements_agreement_change", args=[version.agreement_id])
            ),
        },
        to=staff_addresses(initiative),
    )
    return comment


def _portal_url(path: str) -> str:
    return settings.IOP_PORTAL_URL.rstrip("/") + path


@transaction.atomic
def agreement_sign(
    *,
    agreement: Agreement,
    by: User,
    party: str,
    name: str,
    title: str = "",
    place: str,
    signed_on: datetime.date,
    method: str,
) -> Signature:
    """Record who signed for one party; once both parties have, the partnership starts."""
    initiative = lock_initiative(agreement.initiative_id)
    if not permissions.can_handle_case(by, initiative):
        raise PermissionDenied
    if initiative.status != Status.SIGNING:
        raise ValidationError(
            _(
                "Avtalet kan undertecknas först när nämnden har godkänt det; ärendet har status "
                "”%(status)s”."
            )
            % {"status": initiative.get_status_display()},
            code="wrong_status",
        )
    if signed_on and signed_on > timezone.localdate():
        raise ValidationError(
            {"signed_on": _("Datumet för underskriften kan inte vara i framtiden.")}
        )
    if Signature.objects.filter(agreement=agreement, party=party).exists():
        raise ValidationError(
            {"party": _("%(party)s har redan skrivit under.") % {"party": Party(party).label}}
        )
    signature = Signature(
        agreement=agreement,
        party=party,
        name=name,
        title=title,
        place=place,
        signed_on=signed_on,
        method=method,
        recorded_by=by,
    )
    signature.full_clean(exclude=["agreement", "recorded_by"])
    signature.save()
    if set(agreement.signatures.values_list("party", flat=True)) == set(Party.values):
        initiative_transition(
            initiative=initiative,
            to=Status.ACTIVE,
            by=by,
            note=record_text(gettext_noop("Avtalet är undertecknat av båda parter")),
        )
        # The organisation's case page has the signed agreement and the report dates.
        send_on_commit(
            template="partnership_started",
            context={
                "diarienummer": initiative.diarienummer,
                "title": initiative.title,
                "organisation": initiative.organisation.name,
                "forvaltning": initiative.forvaltning.name,
                "term_start": agreement.term_start,
                "term_end": agreement.term_end,
                "report_dates": list(agreement.report_dates.order_by("due_date")),
                "url": _portal_url(reverse("initiatives:detail", args=[initiative.pk])),
            },
            to=organisation_addresses(initiative),
        )
    return signature
