"""An organisation's own side: members, roles, invitations; profile and choice sit beside it."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from agreements import permissions as agreement_permissions
from initiatives import permissions, services
from initiatives.models import Initiative, Status, StatusChange
from organisations import member_services
from organisations import permissions as org_permissions
from organisations import services as org_services
from organisations.models import Invitation, Membership, OrganisationDocument

from .. import factories
from ._support import FIRMA, KONTAKT, join, membership, pdf_upload

# --- Invitations --------------------------------------------------------------------------------


def test_an_invitation_is_mailed_with_a_link_and_accepting_it_makes_a_member(
    town, django_capture_on_commit_callbacks
):
    invitee = factories.user("inbjuden")
    with django_capture_on_commit_callbacks(execute=True):
        invitation = member_services.member_invite(
            organisation=town.org, by=town.member, email="INBJUDEN@example.org", role=KONTAKT
        )
    assert invitation.email == "inbjuden@example.org"
    assert invitation.token not in invitation.token_hash  # only the hash is stored
    [message] = mail.outbox
    assert message.to == ["inbjuden@example.org"]
    assert message.subject == "Inbjudan att företräda Läxhjälpsföreningen i IOP-portalen"
    assert reverse("initiatives:invitation", args=[invitation.token]) in message.body
    assert "Din roll blir: Kontaktperson" in message.body

    joined = member_services.invitation_accept(token=invitation.token, by=invitee)
    assert (joined.user, joined.organisation, joined.role) == (invitee, town.org, KONTAKT)
    invitation.refresh_from_db()
    assert invitation.accepted_by == invitee and invitation.accepted_at is not None
    with pytest.raises(ValidationError) as used:
        member_services.invitation_accept(token=invitation.token, by=factories.user())
    assert used.value.code == "used"


def test_an_expired_or_cancelled_invitation_cannot_be_accepted(town, client):
    invitee = factories.user("sen")
    invitation = member_services.member_invite(
        organisation=town.org, by=town.member, email=invitee.email, role=KONTAKT
    )
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    with pytest.raises(ValidationError) as expired:
        member_services.invitation_accept(token=invitation.token, by=invitee)
    assert expired.value.code == "expired"
    client.force_login(invitee)
    response = client.post(reverse("initiatives:invitation", args=[invitation.token]))
    assert response.status_code == 400
    assert "Inbjudan har gått ut." in response.content.decode()
    assert not org_permissions.is_member(invitee, town.org)

    again = member_services.member_invite(
        organisation=town.org, by=town.member, email=invitee.email, role=KONTAKT
    )
    member_services.invitation_cancel(invitation=again, by=town.member)
    with pytest.raises(ValidationError) as cancelled:
        member_services.invitation_accept(token=again.token, by=invitee)
    assert cancelled.value.code == "cancelled"
    with pytest.raises(ValidationError) as invalid:
        member_services.invitation_accept(token="gissat", by=invitee)
    assert invalid.value.code == "invalid"
    assert client.get(reverse("initiatives:invitation", args=["gissat"])).status_code == 404


def test_inviting_again_replaces_the_pending_invitation(town):
    first = member_services.member_invite(
        organisation=town.org, by=town.member, email="ny@example.org", role=KONTAKT
    )
    second = member_services.member_invite(
        organisation=town.org, by=town.member, email="ny@example.org", role=FIRMA
    )
    first.refresh_from_db()
    assert first.cancelled_at is not None and second.is_pending
    with pytest.raises(ValidationError) as member:
        member_services.member_invite(
            organisation=town.org, by=town.member, email=town.member.email, role=KONTAKT
        )
    assert member.value.message_dict["email"]


def test_an_invitee_without_an_account_is_sent_to_login_or_signup_and_back(client, town):
    invitation = member_services.member_invite(
        organisation=town.org, by=town.member, email="ny@example.org", role=KONTAKT
    )
    url = reverse("initiatives:invitation", args=[invitation.token])
    page = client.get(url).content.decode()
    assert "Inbjudan att företräda Läxhjälpsföreningen" in page
    assert f"{reverse('signup')}?next={url}" in page
    assert client.post(url).status_code == 200  # not logged in: nothing accepted
    assert Invitation.objects.get().accepted_at is None
    newcomer = factories.user("ny")
    client.force_login(newcomer)
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("initiatives:organisation", args=[town.org.pk])
    assert org_permissions.membership_role(newcomer, town.org) == KONTAKT


# --- Roles --------------------------------------------------------------------------------------


def test_roles_as_a_table(town):
    kontakt = join(town, town.org, KONTAKT, "kontakt")
    firma2 = join(town, town.org, FIRMA, "firma2")
    draft = town.draft()
    table = {
        # user: (submit, invite/remove, edit profile, add document, edit draft)
        town.member: (True, True, True, True, True),
        firma2: (True, True, True, True, True),
        kontakt: (False, False, False, True, True),
        town.other_member: (False, False, False, False, False),
        town.handlaggare: (False, False, False, False, False),
    }
    for user, expected in table.items():
        actual = (
            permissions.can_submit_initiative(user, draft),
            org_permissions.can_manage_members(user, town.org),
            org_permissions.can_edit_organisation(user, town.org),
            org_permissions.can_add_organisation_document(user, town.org),
            permissions.can_edit_initiative(user, draft),
        )
        assert actual == expected, user
    submitted = town.submitted(title="Inskickat")
    assert not permissions.can_submit_initiative(town.member, submitted)


def test_a_kontaktperson_drafts_but_cannot_submit_or_invite(town):
    kontakt = join(town, town.org, KONTAKT, "kontakt")
    draft = services.initiative_save_draft(
        by=kontakt, organisation=town.org, **factories.FULL_INITIATIVE, forvaltning=town.sof
    )
    with pytest.raises(ValidationError) as refused:
        services.initiative_submit(initiative=draft, by=kontakt)
    assert refused.value.code == "not_firmatecknare"
    assert "Bara en firmatecknare kan skicka in initiativet." in refused.value.messages[0]
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT and draft.diarienummer is None
    with pytest.raises(PermissionDenied):
        member_services.member_invite(
            organisation=town.org, by=kontakt, email="x@example.org", role=KONTAKT
        )
    with pytest.raises(PermissionDenied):
        member_services.member_remove(membership=membership(town.member, town.org), by=kontakt)
    # The firmatecknare sends in the kontaktperson's draft.
    submitted = services.initiative_submit(initiative=draft, by=town.member)
    assert submitted.status == Status.SUBMITTED


def test_a_kontaktperson_sees_the_members_page_without_the_invite_form(client, town):
    kontakt = join(town, town.org, KONTAKT, "kontakt")
    client.force_login(kontakt)
    url = reverse("initiatives:organisation_members", args=[town.org.pk])
    response = client.get(url)
    assert response.context["form"] is None
    assert "Bara en firmatecknare kan bjuda in" in response.content.decode()
    response = client.post(url, {"email": "x@example.org", "role": FIRMA})
    assert response.status_code == 403
    assert not Invitation.objects.filter(email="x@example.org").exists()


# --- Removing members ---------------------------------------------------------------------------


def test_a_removed_member_loses_access_but_their_history_stays(client, town):
    colleague = join(town, town.org, FIRMA, "medlem2")
    case = services.initiative_submit(
        initiative=services.initiative_save_draft(
            by=colleague, organisation=town.org, **factories.FULL_INITIATIVE, forvaltning=town.sof
        ),
        by=colleague,
    )
    removed = member_services.member_remove(
        membership=membership(colleague, town.org), by=town.member
    )

    assert removed.ended_at is not None and removed.ended_by == town.member
    assert Membership.objects.filter(user=colleague, organisation=town.org).count() == 1
    assert not org_permissions.is_member(colleague, town.org)
    assert not permissions.initiatives_visible(colleague).exists()
    assert not org_permissions.visible_organisations(colleague).exists()
    assert not agreement_permissions.can_comment_on_agreement(colleague, case)
    assert agreement_permissions.can_comment_on_agreement(town.member, case)
    client.force_login(colleague)
    assert client.get(case.get_absolute_url()).status_code == 404
    assert client.get(reverse("initiatives:organisation", args=[town.org.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        services.initiative_save_draft(by=colleague, organisation=town.org, title="Nytt")
    # What they did is still on record, with their name.
    change = StatusChange.objects.get(initiative=case, to_status=Status.SUBMITTED)
    assert change.changed_by == colleague
    assert Initiative.objects.get(pk=case.pk).created_by == colleague
    assert case.history.filter(history_user=colleague).exists()
    assert membership_history_ends(colleague, town.org)


def membership_history_ends(user, organisation):
    history = Membership.history.filter(user=user, organisation=organisation).order_by(
        "history_date"
    )
    return history.last().ended_at is not None and history.first().ended_at is None


def test_the_last_firmatecknare_cannot_be_removed(town):
    own = membership(town.member, town.org)
    with pytest.raises(ValidationError) as refused:
        member_services.member_remove(membership=own, by=town.member)
    assert refused.value.code == "last_firmatecknare"
    kontakt = join(town, town.org, KONTAKT, "kontakt")
    with pytest.raises(ValidationError):  # a kontaktperson does not count
        member_services.member_remove(membership=own, by=town.member)
    second = join(town, town.org, FIRMA, "firma2")
    member_services.member_remove(membership=own, by=second)
    assert not org_permissions.is_member(town.member, town.org)
    assert org_permissions.is_member(kontakt, town.org)


def test_a_removed_member_can_be_invited_back(town):
    colleague = join(town, town.org, KONTAKT, "medlem2")
    member_services.member_remove(membership=membership(colleague, town.org), by=town.member)
    invitation = member_services.member_invite(
        organisation=town.org, by=town.member, email=colleague.email, role=FIRMA
    )
    member_services.invitation_accept(token=invitation.token, by=colleague)
    assert org_permissions.membership_role(colleague, town.org) == FIRMA
    assert Membership.objects.filter(user=colleague, organisation=town.org).count() == 2


# --- Query budgets ------------------------------------------------------------------------------


def test_members_page_runs_the_same_queries_for_1_and_50_members(
    client, town, django_assert_num_queries
):
    url = reverse("initiatives:organisation_members", args=[town.org.pk])
    client.force_login(town.member)
    client.get(url)  # warm the session
    # session, user, the organisation, the user's role, members, pending invitations
    with django_assert_num_queries(6) as one:
        response = client.get(url)
    assert len(response.context["members"]) == 1
    for i in range(49):
        join(town, town.org, KONTAKT if i % 2 else FIRMA, f"medlem{i}")
    for i in range(50):
        member_services.member_invite(
            organisation=town.org, by=town.member, email=f"vantar{i}@example.org", role=KONTAKT
        )
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert len(response.context["members"]) == 50
    assert len(response.context["invitations"]) == 50


def test_a_kontaktperson_pressing_submit_keeps_the_draft_and_is_told_who_can(client, town):
    kontakt = join(town, town.org, KONTAKT, "kontakt")
    draft = town.draft()
    client.force_login(kontakt)
    response = client.post(reverse("initiatives:step", args=[draft.pk, "granska"]), {"submit": "1"})
    assert response.status_code == 200
    assert "Bara en firmatecknare kan skicka in initiativet." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_staff_see_memberships_and_documents_in_the_admin(client, town):
    colleague = join(town, town.org, KONTAKT, "medlem2")
    member_services.member_remove(membership=membership(colleague, town.org), by=town.member)
    document = org_services.organisation_document_add(
        organisation=town.org,
        by=town.member,
        kind=OrganisationDocument.Kind.STADGAR,
        year=2020,
        uploaded_file=pdf_upload(),
    )
    client.force_login(town.superuser)
    response = client.get(reverse("admin:organisations_organisation_change", args=[town.org.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert document.get_absolute_url() in page
    assert "Slutade" in page or "slutade" in page
    assert client.get(document.get_absolute_url()).status_code == 200


def test_a_firmatecknare_changes_roles_but_the_last_firmatecknare_stays(client, town):
    kontakt = join(town, town.org, KONTAKT, "kontakt")
    with pytest.raises(ValidationError) as refused:
        member_services.member_change_role(
            membership=membership(town.member, town.org), by=town.member, role=KONTAKT
        )
    assert refused.value.code == "last_firmatecknare"
    with pytest.raises(PermissionDenied):
        member_services.member_change_role(
            membership=membership(kontakt, town.org), by=kontakt, role=FIRMA
        )
    client.force_login(town.member)
    url = reverse(
        "initiatives:member_change_role", args=[town.org.pk, membership(kontakt, town.org).pk]
    )
    response = client.post(url, {"role": FIRMA}, follow=True)
    assert "Kontakt Testsson är nu firmatecknare." in response.content.decode()
    assert permissions.can_submit_initiative(kontakt, town.draft())
    # Now there are two, so the first may step down to kontaktperson.
    member_services.member_change_role(
        membership=membership(town.member, town.org), by=kontakt, role=KONTAKT
    )
    assert org_permissions.membership_role(town.member, town.org) == KONTAKT
    # Another organisation's firmatecknare cannot reach these memberships.
    client.force_login(town.other_member)
    assert client.post(url, {"role": KONTAKT}).status_code == 404
    assert org_permissions.membership_role(kontakt, town.org) == FIRMA
