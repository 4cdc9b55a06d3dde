"""Who may record the nämnd's decision, write and approve the tjänsteutlåtande, export documents;
built on initiatives.permissions."""

from initiatives.models import Initiative
from initiatives.permissions import can_handle_case

from .models import Undertecknare


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
