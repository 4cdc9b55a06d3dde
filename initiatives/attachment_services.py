"""Writes of a case's attachments: adding them (in the diary once submitted), removing them."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User
from core import uploads

# A module, not its names: message_services imports this module too (attachments_store).
from . import attachments, message_services, permissions
from .models import Attachment, Initiative, Status
from .workflow import lock_initiative


@transaction.atomic
def attachment_add(
    *, initiative: Initiative, uploaded_file, by: User, description: str = ""
) -> Attachment:
    """Store a checked file on the case. After submission it is registered in the diary too.

    The case row is locked so that two uploads at once cannot together pass the per-case limit.
    """
    initiative = lock_initiative(initiative.pk)
    if not permissions.can_attach(by, initiative):
        raise PermissionDenied
    checked = uploads.check_upload(uploaded_file)
    used = initiative.attachments.aggregate(total=Sum("size"))["total"] or 0
    attachments.check_case_total(current_total=used, adding=checked.size, name=checked.name)
    attachment = Attachment(
        initiative=initiative,
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        description=description,
        uploaded_by=by,
    )

    def save_row():
        attachment.save()
        if initiative.status != Status.DRAFT:
            _register_attachment(attachment=attachment, by=by)

    uploads.store_with_row(
        attachment, checked=checked, uploaded_file=uploaded_file, save_row=save_row
    )
    return attachment


def _register_attachment(*, attachment: Attachment, by: User) -> None:
    message_services.case_document_register(
        initiative=attachment.initiative,
        by=by,
        received_at=attachment.uploaded_at,
        subject=gettext_noop("Bilaga: %(name)s"),
        document=gettext_noop("Bilaga"),
        name=attachment.original_name,
    )


@transaction.atomic
def attachment_remove(*, attachment: Attachment, by: User) -> None:
    """Remove an attachment from a draft; once submitted it is a document of the case and stays."""
    initiative = lock_initiative(attachment.initiative_id)
    if not permissions.can_edit_initiative(by, initiative):
        if initiative.status != Status.DRAFT:
            raise ValidationError(
                _("Bilagan hör till ett inskickat ärende och kan inte tas bort."), code="registered"
            )
        raise PermissionDenied
    attachment.file.delete(save=False)
    attachment.delete()
