"""Writes of who handles a case: assigning one or many cases to a handläggare."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from core.notifications import send_on_commit

from . import permissions
from .models import CaseAssignment, Initiative


def _case_url(initiative: Initiative) -> str:
    path = reverse("admin:initiatives_initiative_change", args=[initiative.pk])
    return settings.IOP_PORTAL_URL.rstrip("/") + path


@transaction.atomic
def initiative_assign(
    *, initiative: Initiative, handlaggare, by: User, note: str = ""
) -> Initiative:
    """Make `handlaggare` responsible for the case; they must be staff of its förvaltning."""
    return initiatives_assign(initiatives=[initiative], handlaggare=handlaggare, by=by, note=note)[
        0
    ]


@transaction.atomic
def initiatives_assign(*, initiatives, handlaggare, by: User, note: str = "") -> list[Initiative]:
    """Make `handlaggare` responsible for every case given, all or none; mail them once.

    Cases already theirs are left as they are. The assignee is told by mail after commit,
    unless they assigned themselves.
    """
    note = (note or "").strip()
    if len(note) > 500:
        raise ValidationError(
            {"note": _("Anteckningen får vara högst 500 tecken (nu %(n)d).") % {"n": len(note)}}
        )
    ids = sorted({i.pk for i in initiatives})
    if not ids:
        raise ValidationError(_("Välj minst ett ärende."), code="no_cases")
    # Locked in id order, so two bulk assignments over overlapping cases cannot deadlock.
    locked = list(Initiative.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    cases = list(
        Initiative.objects.filter(pk__in=ids).select_related("forvaltning", "organisation")
    )
    del locked
    by_pk = {c.pk: c for c in cases}
    cases = [by_pk[pk] for pk in ids if pk in by_pk]
    if len(cases) != len(ids) or not all(permissions.can_handle_case(by, c) for c in cases):
        raise PermissionDenied
    elsewhere = sorted(
        {str(c.forvaltning) for c in cases if not permissions.can_handle_case(handlaggare, c)}
    )
    if elsewhere:
        raise ValidationError(
            {
                "handlaggare": _(
                    "%(name)s kan inte handlägga ärenden hos %(forvaltning)s: bara personal på "
                    "ärendets förvaltning kan tilldelas."
                )
                % {"name": handlaggare, "forvaltning": ", ".join(elsewhere)}
            },
            code="assignee_outside_forvaltning",
        )
    changed = []
    for case in cases:
        if case.handlaggare_id == handlaggare.pk:
            continue
        case.handlaggare = handlaggare
        case._history_user = by
        case.save(update_fields=["handlaggare", "updated_at"])
        CaseAssignment.objects.create(
            initiative=case, handlaggare=handlaggare, assigned_by=by, note=note
        )
        changed.append(case)
    if changed and handlaggare.pk != by.pk and handlaggare.email:
        send_on_commit(
            template="case_assigned",
            context={
                "assignee": handlaggare.get_full_name() or handlaggare.username,
                "assigned_by": by.get_full_name() or by.username,
                "note": note,
                "start_url": settings.IOP_PORTAL_URL.rstrip("/")
                + reverse("admin:initiatives_initiative_start"),
                "cases": [
                    {
                        "diarienummer": c.diarienummer,
                        "title": c.title,
                        "organisation": c.organisation.name,
                        "url": _case_url(c),
                    }
                    for c in changed
                ],
            },
            to=[handlaggare.email],
        )
    return cases
