"""Reads of cases and organisations that pages share, scoped by the permission policy."""

from django.db.models import QuerySet

from . import permissions
from .models import Attachment, Initiative, Organisation


def initiative_list(*, user) -> QuerySet[Initiative]:
    return permissions.visible_initiatives(user).select_related(
        "organisation", "forvaltning", "handlaggare"
    )


def initiative_detail(*, user) -> QuerySet[Initiative]:
    """Cases the user may open, with what the case page shows already joined."""
    return initiative_list(user=user).prefetch_related("status_changes__changed_by")


def organisations_represented(*, user) -> QuerySet[Organisation]:
    """The organisations the user is a member of, the ones they may draft initiatives for."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(membership__user=user).order_by("name")


def attachments_visible(*, user) -> QuerySet[Attachment]:
    """The files of every case `user` may see."""
    return Attachment.objects.filter(initiative__in=permissions.visible_initiatives(user))
