"""Reads of organisations that pages share: whom a user represents, members, documents."""

from django.db.models import QuerySet
from django.utils import timezone

from . import permissions
from .models import Invitation, Membership, Organisation, OrganisationDocument


def organisations_represented(*, user) -> QuerySet[Organisation]:
    """The organisations the user is a member of, the ones they may draft initiatives for."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        membership__user=user, membership__ended_at__isnull=True
    ).order_by("name")


def organisation_members(*, organisation: Organisation) -> QuerySet[Membership]:
    """Current members with their accounts, firmatecknare first."""
    return (
        Membership.objects.current()
        .filter(organisation=organisation)
        .select_related("user")
        .order_by("role", "user__first_name", "user__last_name", "pk")
    )


def organisation_pending_invitations(*, organisation: Organisation) -> QuerySet[Invitation]:
    return Invitation.objects.filter(
        organisation=organisation,
        accepted_at__isnull=True,
        cancelled_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).select_related("invited_by")


def organisation_documents(*, organisation: Organisation) -> QuerySet[OrganisationDocument]:
    return organisation.documents.select_related("uploaded_by")


def organisation_documents_visible(*, user) -> QuerySet[OrganisationDocument]:
    """Documents of the organisations `user` represents now, or (staff) handles a case of."""
    return OrganisationDocument.objects.filter(
        organisation__in=permissions.visible_organisations(user)
    )


def chosen_organisation(request, represented=None) -> Organisation | None:
    """The organisation the user acts for: the one chosen in the switcher if they still
    represent it, else the first they represent. Pass `represented` (the user's
    organisations_represented, evaluated) to spare the query."""
    if represented is None:
        represented = organisations_represented(user=request.user)
    own = list(represented)
    wanted = request.session.get(CHOSEN_ORGANISATION_KEY)
    organisation = next((o for o in own if o.pk == wanted), own[0] if own else None)
    remember_organisation(request, organisation)
    return organisation


CHOSEN_ORGANISATION_KEY = "organisation_id"
CHOSEN_ORGANISATION_NAME_KEY = "organisation_name"


def remember_organisation(request, organisation: Organisation | None) -> None:
    """Store the choice in the session; the header shows the name without a query."""
    if organisation is None:
        request.session.pop(CHOSEN_ORGANISATION_KEY, None)
        request.session.pop(CHOSEN_ORGANISATION_NAME_KEY, None)
    elif request.session.get(CHOSEN_ORGANISATION_KEY) != organisation.pk or (
        request.session.get(CHOSEN_ORGANISATION_NAME_KEY) != organisation.name
    ):
        request.session[CHOSEN_ORGANISATION_KEY] = organisation.pk
        request.session[CHOSEN_ORGANISATION_NAME_KEY] = organisation.name
