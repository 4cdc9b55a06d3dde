"""Who may record the nämnd's decision on a case and export its documents; built on
initiatives.permissions."""

from initiatives.models import Initiative
from initiatives.permissions import can_handle_case


def can_record_decision(user, initiative: Initiative) -> bool:
    return can_handle_case(user, initiative) and user.has_perm("initiatives.record_decision")


def can_export_documents(user, initiative: Initiative) -> bool:
    return can_handle_case(user, initiative) and user.has_perm("initiatives.export_documents")
