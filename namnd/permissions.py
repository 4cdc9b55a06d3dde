"""Who may see and run the nämnd's meetings, and who justerar their protokoll; built on
accounts.permissions.

A meeting belongs to a nämnd; staff of a förvaltning under that nämnd see it (superusers see
every nämnd's). The secretary's rights are the meeting model's permissions (granted to the
Nämndsekreterare role); the justering is done by the people the meeting names, each with their
own login, whatever their role.
"""

from django.db.models import Q, QuerySet

from accounts.permissions import is_active_user, is_staff_member, sees_every_forvaltning

from .models import Sammantrade


def _namnd_id(user):
    forvaltning = getattr(user, "forvaltning", None)
    return forvaltning.namnd_id if forvaltning is not None else None


def in_scope(user, namnd_id) -> bool:
    """The user works under that nämnd (or sees every förvaltning)."""
    if not is_staff_member(user):
        return False
    return sees_every_forvaltning(user) or (namnd_id is not None and _namnd_id(user) == namnd_id)


def meetings_visible(user, queryset: QuerySet | None = None) -> QuerySet:
    """The meetings the user may open: their nämnd's, and those they justerar."""
    qs = Sammantrade.objects.all() if queryset is None else queryset
    if not is_active_user(user):
        return qs.none()
    if sees_every_forvaltning(user):
        return qs
    named = Q(ordforande=user) | Q(justerare=user)
    if is_staff_member(user) and user.has_perm("namnd.view_sammantrade"):
        namnd_id = _namnd_id(user)
        if namnd_id is not None:
            return qs.filter(Q(namnd_id=namnd_id) | named).distinct()
    return qs.filter(named).distinct()


def can_view_meetings(user) -> bool:
    return is_staff_member(user) and (
        user.has_perm("namnd.view_sammantrade") or meetings_visible(user).exists()
    )


def can_create_meeting(user, namnd=None) -> bool:
    if not (is_staff_member(user) and user.has_perm("namnd.add_sammantrade")):
        return False
    return namnd is None or in_scope(user, namnd.pk)


def can_manage_meeting(user, meeting: Sammantrade) -> bool:
    """The nämnd's secretary sets the list, records the §§ and publishes the anslag."""
    return user.has_perm("namnd.change_sammantrade") and in_scope(user, meeting.namnd_id)


def justering_role(user, meeting: Sammantrade) -> str | None:
    """ "ordforande" or "justerare" when the meeting names this user, else None."""
    if not is_active_user(user):
        return None
    if meeting.ordforande_id == user.pk:
        return "ordforande"
    if meeting.justerare.filter(pk=user.pk).exists():
        return "justerare"
    return None


def can_justera(user, meeting: Sammantrade) -> bool:
    return justering_role(user, meeting) is not None
