"""The expediering of a justerad §'s protokollsutdrag: to the organisation, in its portal (on
the case page, beside the upprättat tjänsteutlåtande) and by mail, and to the handläggare by
mail. Each sending is an Expediering row; the mails go through core.outbox."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.notifications import send_on_commit

from . import permissions, record_services
from .models import Expediering, Paragraf


def _link(path: str) -> str:
    return settings.IOP_PORTAL_URL.rstrip("/") + path


@transaction.atomic
def paragraf_expediera(*, paragraf: Paragraf, by: User) -> list[Expediering]:
    """Send the stored protokollsutdrag of a justerad, anslagen § to those it concerns.

    May be done again (a lost mail): each sending is recorded on its own.
    """
    paragraf = (
        Paragraf.objects.select_for_update(of=("self",))
        .select_related("sammantrade__namnd", "initiative__organisation", "initiative__handlaggare")
        .get(pk=paragraf.pk)
    )
    meeting, initiative = paragraf.sammantrade, paragraf.initiative
    if not permissions.can_manage_meeting(by, meeting):
        raise PermissionDenied
    if not paragraf.is_justerad or paragraf.number is None:
        raise ValidationError(
            _("Protokollsutdraget kan expedieras först när paragrafen är justerad."),
            code="not_justerad",
        )
    # The stored record (made now if the anslag's task has not yet): never rendered again.
    record = record_services.stored_utdrag(paragraf=paragraf)
    organisation, handlaggare = initiative.organisation, initiative.handlaggare
    now = timezone.now()
    rows = [
        Expediering(
            paragraf=paragraf,
            recipient_kind=Expediering.RecipientKind.ORGANISATION,
            recipient=organisation.name,
            channel=Expediering.Channel.PORTAL,
        ),
        Expediering(
            paragraf=paragraf,
            recipient_kind=Expediering.RecipientKind.ORGANISATION,
            recipient=organisation.contact_email,
            channel=Expediering.Channel.MAIL,
        ),
    ]
    if handlaggare is not None and handlaggare.email:
        rows.append(
            Expediering(
                paragraf=paragraf,
                recipient_kind=Expediering.RecipientKind.HANDLAGGARE,
                recipient=handlaggare.email,
                channel=Expediering.Channel.MAIL,
            )
        )
    for row in rows:
        row.sent_at, row.by = now, by
        row.document.name = record.file.name  # the one stored copy, not a new rendering
        row.full_clean()
    created = Expediering.objects.bulk_create(rows)
    context = {
        "diarienummer": initiative.diarienummer,
        "title": initiative.title,
        "namnd": meeting.namnd.name,
        "meeting_date": f"{meeting.date:%Y-%m-%d}",
        "paragraph": paragraf.number,
    }
    send_on_commit(
        template="protokollsutdrag_expedierat",
        context=context | {"link": _link(reverse("initiatives:detail", args=[initiative.pk]))},
        to=[organisation.contact_email],
    )
    if len(rows) > 2:
        send_on_commit(
            template="protokollsutdrag_expedierat",
            context=context
            | {"link": _link(reverse("admin:initiatives_initiative_change", args=[initiative.pk]))},
            to=[handlaggare.email],
        )
    return created


def expedierat_to_organisation(paragraf: Paragraf) -> bool:
    return paragraf.expedieringar.filter(
        recipient_kind=Expediering.RecipientKind.ORGANISATION,
        channel=Expediering.Channel.PORTAL,
    ).exists()
