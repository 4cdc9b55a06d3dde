"""Helpers the organisation tests share: the two roles, joining by invitation, uploads, posts."""

from django.core.files.uploadedfile import SimpleUploadedFile

from organisations import member_services
from organisations import services as org_services
from organisations.models import Membership

from .. import factories
from ..files import pdf_bytes

FIRMA = Membership.Role.FIRMATECKNARE
KONTAKT = Membership.Role.KONTAKTPERSON


def join(town, organisation, role, username=None, *, by=None):
    """A new person who joins `organisation` the way a real one does: by invitation."""
    person = factories.user(username)
    invitation = member_services.member_invite(
        organisation=organisation, by=by or town.member, email=person.email, role=role
    )
    member_services.invitation_accept(token=invitation.token, by=person)
    return person


def membership(user, organisation):
    return Membership.objects.current().get(user=user, organisation=organisation)


def pdf_upload(name="stadgar.pdf", data=None):
    return SimpleUploadedFile(name, data or pdf_bytes("Stadgar"), content_type="application/pdf")


def profile_data(organisation, **changes):
    data = {
        name: getattr(organisation, name) or ""
        for name in org_services.PROFILE_FIELDS
        if name != "kammarkollegiet_registered_since"
    }
    return {"action": "profile", "kammarkollegiet_registered_since": ""} | data | changes
