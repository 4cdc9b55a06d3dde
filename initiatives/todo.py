"""The staff start page's "to do": messages from the organisation not answered yet (its reply
to a request for completion, say), and what later stages add (extensions.staff_todo_sources)."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from . import extensions
from .models import CaseMessage


def unanswered_messages(*, user, limit: int) -> list[extensions.TodoRow]:
    """The organisation's messages on the user's cases with no message from staff after them."""
    answered = CaseMessage.objects.filter(
        initiative_id=OuterRef("initiative_id"), from_staff=True, sent_at__gt=OuterRef("sent_at")
    )
    messages = (
        CaseMessage.objects.filter(initiative__handlaggare=user, from_staff=False)
        .filter(~Exists(answered))
        .select_related("initiative__organisation")
        .order_by("-sent_at", "-pk")[:limit]
    )
    return [
        extensions.TodoRow(
            when=m.sent_at,
            what=_("Svar från organisationen"),
            case=m.initiative,
            url=reverse("admin:initiatives_casemessage_reply", args=[m.initiative_id]),
        )
        for m in messages
    ]


def staff_todo(*, user, limit: int) -> list[extensions.TodoRow]:
    """Everything on the user's cases waiting for their answer, newest first."""
    rows = unanswered_messages(user=user, limit=limit)
    for source in extensions.staff_todo_sources:
        rows += source(user=user, limit=limit)
    return sorted(rows, key=lambda r: r.when, reverse=True)[:limit]
