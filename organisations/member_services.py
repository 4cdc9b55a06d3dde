"""Writes for an organisation's members: inviting, accepting, adding, changing and ending."""

import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.notifications import send_on_commit

from . import permissions
from .models import Invitation, Membership, Organisation
from .services import lock_organisation


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_url(token: str) -> str:
    return settings.IOP_PORTAL_URL.rstrip("/") + reverse("initiatives:invitation", args=[token])


@transaction.atomic
def member_invite(*, organisation: Organisation, by: User, email: str, role: str) -> Invitation:
    """Invite `email` to represent the organisation; only a firmatecknare may.

    A new invitation to the same address replaces a pending one, so a lost mail is resent by
    inviting again. The token goes only into the mail.
    """
    organisation = lock_organisation(organisation.pk)
    if not permissions.can_manage_members(by, organisation):
        raise PermissionDenied
    email = email.strip().lower()
    if role not in Membership.Role.values:
        raise ValidationError({"role": ValidationError(_("Välj en roll."), code="role")})
    if (
        Membership.objects.current()
        .filter(organisation=organisation, user__email__iexact=email)
        .exists()
    ):
        raise ValidationError(
            {
                "email": ValidationError(
                    _("Personen med den e-postadressen företräder redan organisationen."),
                    code="already_member",
                )
            }
        )
    now = timezone.now()
    Invitation.objects.filter(
        organisation=organisation,
        email__iexact=email,
        accepted_at__isnull=True,
        cancelled_at__isnull=True,
    ).update(cancelled_at=now)
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        organisation=organisation,
        email=email,
        role=role,
        token_hash=_token_hash(token),
        invited_by=by,
    )
    invitation.full_clean(exclude=["token_hash"])
    invitation._history_user = by
    invitation.save()
    send_on_commit(
        template="invitation",
        context={
            "organisation": organisation.name,
            "inviter": by.get_full_name() or by.get_username(),
            "role": invitation.get_role_display(),
            "url": invitation_url(token),
            "expires": timezone.localtime(invitation.expires_at).strftime("%Y-%m-%d"),
        },
        to=[email],
    )
    # The caller (a test, the demo) may need the token; it is never stored.
    invitation.token = token
    return invitation


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation a link names, whatever its state, or None if the link is not genuine."""
    return (
        Invitation.objects.select_related("organisation", "invited_by")
        .filter(token_hash=_token_hash(token or ""))
        .first()
    )


def invitation_check(invitation: Invitation, user=None) -> None:
    """Raise ValidationError, saying why in Swedish, unless the invitation can be accepted
    (by `user`, when given: only by the account with the invited address)."""
    if invitation.accepted_at is not None:
        raise ValidationError(_("Inbjudan är redan använd."), code="used")
    if invitation.cancelled_at is not None:
        raise ValidationError(
            _("Inbjudan är återkallad. Be organisationen om en ny."), code="cancelled"
        )
    if invitation.expires_at <= timezone.now():
        raise ValidationError(
            _("Inbjudan har gått ut. Be den som bjöd in dig att skicka en ny."), code="expired"
        )
    if user is not None and user.is_authenticated and not _is_invited_address(user, invitation):
        raise ValidationError(
            _(
                "Inbjudan skickades till en annan e-postadress än den ditt konto har "
                "(%(email)s). Logga in med kontot för den adress som fick inbjudan, eller be "
                "organisationen bjuda in %(email)s."
            )
            % {"email": user.email},
            code="other_address",
        )


def _is_invited_address(user, invitation: Invitation) -> bool:
    """The link is bound to the invited address: whoever holds it (a forwarded mail, a shared
    inbox, a leaked link) can act for the organisation only with an account whose confirmed
    address is that one, so the firmatecknare knows who they let in."""
    return user.email_verified and user.email.strip().lower() == invitation.email.lower()


@transaction.atomic
def invitation_accept(*, token: str, by: User) -> Membership:
    """Make `by` a member in the invited role. The link works once, until it expires, and
    only for the account with the invited address."""
    found = invitation_for_token(token)
    if found is None:
        raise ValidationError(
            _("Inbjudan finns inte. Kontrollera att du fått med hela länken."), code="invalid"
        )
    invitation = Invitation.objects.select_for_update().get(pk=found.pk)
    invitation_check(invitation)
    if not permissions.can_represent_organisations(by):
        raise PermissionDenied
    invitation_check(invitation, by)
    lock_organisation(invitation.organisation_id)
    membership = (
        Membership.objects.current()
        .filter(user=by, organisation_id=invitation.organisation_id)
        .first()
    )
    if membership is None:
        membership = Membership(
            user=by, organisation_id=invitation.organisation_id, role=invitation.role
        )
        membership._history_user = by
        membership.save()
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = by
    invitation._history_user = by
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


@transaction.atomic
def invitation_cancel(*, invitation: Invitation, by: User) -> None:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not permissions.can_manage_members(by, invitation.organisation):
        raise PermissionDenied
    if invitation.accepted_at is None and invitation.cancelled_at is None:
        invitation.cancelled_at = timezone.now()
        invitation._history_user = by
        invitation.save(update_fields=["cancelled_at"])


def _may_manage_members(user, organisation: Organisation) -> bool:
    return permissions.can_manage_members(
        user, organisation
    ) or permissions.can_administer_organisation(user, organisation)


@transaction.atomic
def member_add(*, organisation: Organisation, by: User, user, role: str) -> Membership:
    """Make `user` a member directly, in the admin: for an organisation registered on paper
    that has nobody to send an invitation yet. Organisations invite their own members."""
    organisation = lock_organisation(organisation.pk)
    if not permissions.can_administer_organisation(by, organisation):
        raise PermissionDenied
    if role not in Membership.Role.values:
        raise ValidationError({"role": ValidationError(_("Välj en roll."), code="role")})
    if not permissions.can_represent_organisations(user):
        raise ValidationError(
            {
                "user": ValidationError(
                    _("Personalkonton och inaktiva konton kan inte företräda en organisation."),
                    code="not_a_member_account",
                )
            }
        )
    if Membership.objects.current().filter(organisation=organisation, user=user).exists():
        raise ValidationError(
            {
                "user": ValidationError(
                    _("Personen företräder redan organisationen."), code="already_member"
                )
            }
        )
    membership = Membership(user=user, organisation=organisation, role=role)
    membership._history_user = by
    membership.save()
    return membership


def _current_firmatecknare_count(organisation_id: int) -> int:
    return (
        Membership.objects.current()
        .filter(organisation_id=organisation_id, role=Membership.Role.FIRMATECKNARE)
        .count()
    )


@transaction.atomic
def member_remove(*, membership: Membership, by: User) -> Membership:
    """End a membership; the row stays so the person's past actions keep their context.

    The organisation row is locked first, so two firmatecknare removing each other at once
    cannot leave the organisation with none.
    """
    organisation = lock_organisation(membership.organisation_id)
    if not _may_manage_members(by, organisation):
        raise PermissionDenied
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.ended_at is not None:
        return membership
    if (
        membership.role == Membership.Role.FIRMATECKNARE
        and _current_firmatecknare_count(organisation.pk) <= 1
    ):
        raise ValidationError(
            _(
                "Organisationen måste ha minst en firmatecknare. Bjud in en ny firmatecknare "
                "innan du tar bort den sista."
            ),
            code="last_firmatecknare",
        )
    membership.ended_at = timezone.now()
    membership.ended_by = by
    membership._history_user = by
    membership.save(update_fields=["ended_at", "ended_by"])
    return membership


@transaction.atomic
def member_change_role(*, membership: Membership, by: User, role: str) -> Membership:
    """Make a member firmatecknare or kontaktperson; the last firmatecknare stays one."""
    organisation = lock_organisation(membership.organisation_id)
    if not _may_manage_members(by, organisation):
        raise PermissionDenied
    if role not in Membership.Role.values:
        raise ValidationError({"role": ValidationError(_("Välj en roll."), code="role")})
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.ended_at is not None:
        raise ValidationError(_("Personen företräder inte längre organisationen."), code="ended")
    if membership.role == role:
        return membership
    if (
        membership.role == Membership.Role.FIRMATECKNARE
        and _current_firmatecknare_count(organisation.pk) <= 1
    ):
        raise ValidationError(
            _(
                "Organisationen måste ha minst en firmatecknare. Gör någon annan till "
                "firmatecknare först."
            ),
            code="last_firmatecknare",
        )
    membership.role = role
    membership._history_user = by
    membership.save(update_fields=["role"])
    return membership
