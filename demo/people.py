"""The demo's people: logins with the printed demo password, and an organisation's members."""

import datetime

from django.contrib.auth import get_user_model

from organisations import member_services
from organisations import services as organisation_services
from organisations.models import Membership, Organisation

DEMO_PASSWORD = "demo-iop-2026"  # noqa: S105 - printed for the local demo, never used in production


def demo_user(
    username,
    first,
    last,
    *,
    email,
    staff=False,
    forvaltning=None,
    group=None,
    phone="",
    superuser=False,
):
    User = get_user_model()
    user = User.objects.create_user(
        username=username,
        password=DEMO_PASSWORD,
        first_name=first,
        last_name=last,
        email=email,
        is_staff=staff or superuser,
        is_superuser=superuser,
        forvaltning=forvaltning,
        phone=phone,
    )
    if group is not None:
        user.groups.add(group)
    return user


def members_demo_add(*, imh) -> dict:
    """People who show the organisation's side: one person representing two organisations, a
    kontaktperson, and an invitation nobody has answered yet."""
    imh_org = Organisation.objects.get(org_number="802005-0277")
    elsa = demo_user("elsa", "Elsa", "Berg", email="elsa.berg@idrott.example")
    organisation_services.organisation_create(
        by=elsa,
        name="Demostads idrottsförening",
        org_number="802481-5550",
        legal_form="ideell_forening",
        kammarkollegiet_registered_since=datetime.date(2024, 3, 1),
        street_address="Idrottsvägen 3",
        postal_code="222 33",
        city="Demostad",
        contact_name="Elsa Berg",
        contact_email="elsa.berg@idrott.example",
        contact_phone="070-555 66 77",
        bankgiro="5050-1055",
    )
    olle = demo_user("olle", "Olle", "Kontakt", email="olle@imh.example")
    for person in (elsa, olle):
        invitation = member_services.member_invite(
            organisation=imh_org, by=imh, email=person.email, role=Membership.Role.KONTAKTPERSON
        )
        member_services.invitation_accept(token=invitation.token, by=person)
    member_services.member_invite(
        organisation=imh_org,
        by=imh,
        email="ny.volontar@imh.example",
        role=Membership.Role.KONTAKTPERSON,
    )
    return {"elsa": elsa, "olle": olle}
