"""Who may see and change agreements and their templates; built on initiatives.permissions."""

from django.db.models import QuerySet

from accounts.models import Forvaltning
from accounts.permissions import sees_every_forvaltning
from initiatives.models import Initiative
from initiatives.permissions import can_handle_case
from organisations.permissions import is_member

from .models import Agreement, AgreementTemplate


def can_change_agreement(user, agreement: Agreement) -> bool:
    """The staff handling the case draft, send and sign its agreement."""
    return can_handle_case(user, agreement.initiative)


def can_comment_on_agreement(user, initiative: Initiative) -> bool:
    """Members of the case's organisation read and comment on the agreement draft sent to them."""
    return is_member(user, initiative.organisation)


def templates_visible(user, queryset: QuerySet | None = None) -> QuerySet:
    """Each förvaltning keeps its own templates; the standard one (no förvaltning) is shared."""
    qs = AgreementTemplate.objects.all() if queryset is None else queryset
    if sees_every_forvaltning(user):
        return qs
    return qs.filter(forvaltning__isnull=True) | qs.filter(forvaltning_id=user.forvaltning_id or -1)


def can_change_template(user, template: AgreementTemplate | None) -> bool:
    """A förvaltning changes its own templates (None: templates in general); only a superuser
    changes the shared standard one. The model permission is asked besides."""
    if sees_every_forvaltning(user):
        return True
    return template is None or (
        template.forvaltning_id is not None and template.forvaltning_id == user.forvaltning_id
    )


def template_forvaltningar(user) -> QuerySet | None:
    """The förvaltningar `user` may give a template, or None for any (a superuser)."""
    if sees_every_forvaltning(user):
        return None
    return Forvaltning.objects.filter(pk=user.forvaltning_id)
