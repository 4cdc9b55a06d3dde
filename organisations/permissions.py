"""Who may see and act for an organisation: the policy its pages, admin and services ask."""

from django.db.models import QuerySet

from accounts.permissions import is_active_user, is_staff_member, sees_every_forvaltning

from . import cases
from .models import Membership, Organisation


def visible_organisations(user) -> QuerySet:
    """Members see the organisations they represent now; staff those of the cases they see
    (the case app tells which); superusers all."""
    if not is_active_user(user):
        return Organisation.objects.none()
    if sees_every_forvaltning(user):
        return Organisation.objects.all()
    if user.is_staff:
        return cases.staff_organisations(user)
    return Organisation.objects.filter(membership__user=user, membership__ended_at__isnull=True)


def can_represent_organisations(user) -> bool:
    """Organisation members act for an organisation; a staff account never does (it would be
    on both sides of its own cases), so it neither creates one nor joins one."""
    return is_active_user(user) and not user.is_staff


def membership_role(user, organisation: Organisation) -> str | None:
    """The user's role in the organisation now, or None if they are not a current member."""
    if not is_active_user(user):
        return None
    return (
        Membership.objects.current()
        .filter(user=user, organisation=organisation)
        .values_list("role", flat=True)
        .first()
    )


def is_member(user, organisation: Organisation) -> bool:
    return membership_role(user, organisation) is not None


def can_manage_members(user, organisation: Organisation) -> bool:
    """Only a firmatecknare invites and removes members."""
    return membership_role(user, organisation) == Membership.Role.FIRMATECKNARE


def can_edit_organisation(user, organisation: Organisation) -> bool:
    """A firmatecknare edits the profile: it holds the bankgiro that payments go to."""
    return membership_role(user, organisation) == Membership.Role.FIRMATECKNARE


def can_administer_organisation(user, organisation: Organisation) -> bool:
    """Staff with the right to change organisations (superusers; no role has it) change the
    profile and memberships of an organisation they can see, in the admin, through the same
    services as the organisation's firmatecknare."""
    return (
        is_staff_member(user)
        and user.has_perm("organisations.change_organisation")
        and visible_organisations(user).filter(pk=organisation.pk).exists()
    )


def can_add_organisation_document(user, organisation: Organisation) -> bool:
    """Every member, kontaktperson included, keeps the organisation's documents up to date."""
    return is_member(user, organisation)


def can_correct_org_number(user) -> bool:
    """Only a superuser changes an organisationsnummer that registered cases already name."""
    return bool(user.is_superuser)
