"""Who may record the nämnd's decision, write and approve the tjänsteutlåtande, export documents;
built on initiatives.permissions."""

from django.db.models import Q, QuerySet

from accounts.models import Forvaltning
from accounts.permissions import sees_every_forvaltning
from initiatives.models import Initiative
from initiatives.permissions import can_handle_case

from .models import TjansteutlatandeMall, Undertecknare


def can_record_decision(user, initiative: Initiative) -> bool:
    return can_handle_case(user, initiative) and user.has_perm("initiatives.record_decision")


def can_export_documents(user, initiative: Initiative) -> bool:
    return can_handle_case(user, initiative) and user.has_perm("initiatives.export_documents")


def can_write_tjansteutlatande(user, initiative: Initiative) -> bool:
    """The förvaltning's staff on the case draft, edit, preview and correct its tjänsteutlåtande."""
    return can_handle_case(user, initiative)


def can_read_tjansteutlatande(user, initiative: Initiative) -> bool:
    return can_handle_case(user, initiative)


def is_tjansteutlatande_signatory(user, initiative: Initiative) -> bool:
    """Whether `user` is named to approve the förvaltning's tjänsteutlåtanden (any role)."""
    return (
        user.is_authenticated
        and Undertecknare.objects.filter(
            forvaltning_id=initiative.forvaltning_id, user_id=user.pk
        ).exists()
    )


def tu_configuration_visible(user, queryset: QuerySet) -> QuerySet:
    """The tjänsteutlåtande's templates and signatories `user` may see in the admin (given the
    model permission, which only administrators have): all for a superuser, else their own
    förvaltning's and the shared default template."""
    if sees_every_forvaltning(user):
        return queryset
    own = Q(forvaltning_id=user.forvaltning_id or -1)
    if queryset.model is TjansteutlatandeMall:
        own |= Q(forvaltning__isnull=True)
    return queryset.filter(own)


def can_change_tu_configuration(user, obj) -> bool:
    """A förvaltning's own template or signatory (None: in general); only a superuser changes
    the shared default template. The model permission is asked besides."""
    if sees_every_forvaltning(user) or obj is None:
        return True
    return obj.forvaltning_id is not None and obj.forvaltning_id == user.forvaltning_id


def tu_configuration_forvaltningar(user) -> QuerySet | None:
    """The förvaltningar `user` may give a template or a signatory, or None for any."""
    if sees_every_forvaltning(user):
        return None
    return Forvaltning.objects.filter(pk=user.forvaltning_id or -1)
