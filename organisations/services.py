"""Writes for an organisation: creating or registering it, its profile and its documents.

Members and invitations are member_services."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.permissions import is_staff_member
from core import uploads
from core.records import save_fields

from . import cases, permissions
from .models import Membership, Organisation, OrganisationDocument
from .validators import normalise_bankgiro, normalise_org_number

# What an organisation may change in its own profile; staff change the rest in the admin.
PROFILE_FIELDS = (
    "name",
    "org_number",
    "legal_form",
    "kammarkollegiet_registered_since",
    "street_address",
    "postal_code",
    "city",
    "contact_name",
    "contact_email",
    "contact_phone",
    "bankgiro",
)


def lock_organisation(pk: int) -> Organisation:
    return Organisation.objects.select_for_update().get(pk=pk)


@transaction.atomic
def organisation_create(*, by: User, role=Membership.Role.FIRMATECKNARE, **fields) -> Organisation:
    """Create an organisation profile with `by` as its first representative."""
    if not permissions.can_represent_organisations(by):
        raise PermissionDenied
    fields["org_number"] = normalise_org_number(fields["org_number"])
    if fields.get("bankgiro"):
        fields["bankgiro"] = normalise_bankgiro(fields["bankgiro"])
    organisation = Organisation(**fields)
    organisation.full_clean()
    organisation.save()
    Membership.objects.create(user=by, organisation=organisation, role=role)
    return organisation


@transaction.atomic
def organisation_register(*, by: User, **fields) -> Organisation:
    """Add an organisation that came to the förvaltning outside the portal (it has no login)."""
    if not is_staff_member(by):
        raise PermissionDenied
    organisation = Organisation(**fields)
    try:
        organisation.org_number = normalise_org_number(fields.get("org_number", ""))
    except ValidationError as error:
        raise ValidationError({"org_number": error.messages}) from None
    existing = Organisation.objects.filter(org_number=organisation.org_number).first()
    if existing is not None:
        raise ValidationError(
            {
                "org_number": _(
                    "%(name)s har redan det här organisationsnumret. Skriv numret som "
                    "befintlig organisation i stället och lämna uppgifterna om en ny tomma."
                )
                % {"name": existing.name}
            },
            code="organisation_exists",
        )
    return save_fields(organisation, by=by, fields={})


def org_number_locked(organisation: Organisation) -> bool:
    """Once a case is registered its diary entry names the organisation by this number, so it
    can no longer be changed, except by a superuser correcting a wrong number."""
    return cases.has_registered_cases(organisation)


def org_number_check(*, organisation: Organisation, org_number: str, by: User) -> str:
    """Return `org_number` written NNNNNN-NNNN, or raise ValidationError in Swedish: it is
    malformed, or it would change while registered cases name the organisation by it.

    Only a superuser corrects a locked number (the organisation's history records who and
    when); the organisation asks the förvaltning, which asks its administrator.
    """
    number = normalise_org_number(org_number)
    if number == organisation.org_number or permissions.can_correct_org_number(by):
        return number
    if org_number_locked(organisation):
        if is_staff_member(by):
            message = _(
                "Organisationsnumret kan inte ändras eftersom organisationen har registrerade "
                "ärenden. Bara en administratör kan rätta ett felaktigt nummer."
            )
        else:
            message = _(
                "Organisationsnumret kan inte ändras eftersom organisationen har "
                "registrerade ärenden. Kontakta förvaltningen om numret är fel."
            )
        raise ValidationError(message, code="org_number_locked")
    return number


@transaction.atomic
def organisation_update(*, organisation: Organisation, by: User, **fields) -> Organisation:
    """Change the organisation's profile: its firmatecknare on the portal, or staff allowed
    to administer it in the admin (permissions.can_administer_organisation)."""
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"not profile fields: {sorted(unknown)}")
    organisation = lock_organisation(organisation.pk)
    if not (
        permissions.can_edit_organisation(by, organisation)
        or permissions.can_administer_organisation(by, organisation)
    ):
        raise PermissionDenied
    if "org_number" in fields:
        try:
            fields["org_number"] = org_number_check(
                organisation=organisation, org_number=fields["org_number"], by=by
            )
        except ValidationError as error:
            raise ValidationError({"org_number": error.error_list}) from None
    if fields.get("bankgiro"):
        fields["bankgiro"] = normalise_bankgiro(fields["bankgiro"])
    return save_fields(organisation, by=by, fields=fields)


@transaction.atomic
def organisation_document_add(
    *, organisation: Organisation, by: User, kind: str, year: int, uploaded_file
) -> OrganisationDocument:
    """Store a checked document (stadgar, årsredovisning …) with the year it covers."""
    organisation = lock_organisation(organisation.pk)
    if not permissions.can_add_organisation_document(by, organisation):
        raise PermissionDenied
    checked = uploads.check_upload(uploaded_file)
    document = OrganisationDocument(
        organisation=organisation,
        kind=kind,
        year=year,
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        uploaded_by=by,
    )
    document.full_clean(exclude=["file"])
    document._history_user = by
    uploads.store_with_row(
        document, checked=checked, uploaded_file=uploaded_file, save_row=document.save
    )
    return document
