"""An organisation's own side: members and roles, invitations, profile, documents, switching."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from agreements import permissions as agreement_permissions
from initiatives import permissions, services
from initiatives.models import Initiative, Status, StatusChange
from organisations import member_services
from organisations import permissions as org_permissions
from organisations import services as org_services
from organisations.models import Invitation, Membership, Organisation, OrganisationDocument

from .. import factories
from ..files import pdf_bytes, png_bytes

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


# --- Profile ------------------------------------------------------------------------------------


def test_the_org_number_can_change_until_a_case_is_registered(client, town):
    new_number = factories.org_number()
    org_services.organisation_update(
        organisation=town.org, by=town.member, org_number=new_number.replace("-", "")
    )
    town.org.refresh_from_db()
    assert town.org.org_number == new_number

    town.submitted()
    with pytest.raises(ValidationError) as locked:
        org_services.organisation_update(
            organisation=town.org, by=town.member, org_number=factories.org_number()
        )
    assert locked.value.error_dict["org_number"][0].code == "org_number_locked"
    town.org.refresh_from_db()
    assert town.org.org_number == new_number
    # Other fields still change.
    org_services.organisation_update(organisation=town.org, by=town.member, city="Nystad")
    town.org.refresh_from_db()
    assert town.org.city == "Nystad"

    client.force_login(town.member)
    response = client.get(reverse("initiatives:organisation", args=[town.org.pk]))
    assert response.context["form"]["org_number"].field.disabled
    page = response.content.decode()
    assert "organisationsnumret kan inte längre ändras här" in page
    # A forged post with another number is ignored for the disabled field.
    data = profile_data(town.org) | {"org_number": factories.org_number(), "city": "Tredje"}
    response = client.post(reverse("initiatives:organisation", args=[town.org.pk]), data)
    assert response.status_code == 302
    town.org.refresh_from_db()
    assert (town.org.org_number, town.org.city) == (new_number, "Tredje")


def profile_data(organisation, **changes):
    data = {
        name: getattr(organisation, name) or ""
        for name in org_services.PROFILE_FIELDS
        if name != "kammarkollegiet_registered_since"
    }
    return {"action": "profile", "kammarkollegiet_registered_since": ""} | data | changes


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("5050-1055", "5050-1055"), ("50501055", "5050-1055"), ("991-2346", "991-2346")],
)
def test_a_valid_bankgiro_is_stored_in_its_usual_form(town, typed, stored):
    org_services.organisation_update(organisation=town.org, by=town.member, bankgiro=typed)
    town.org.refresh_from_db()
    assert town.org.bankgiro == stored


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("5050-1056", "bankgiro_checksum"),
        ("12-34", "bankgiro_format"),
        ("abcd-efgh", "bankgiro_format"),
    ],
)
def test_a_wrong_bankgiro_is_refused_with_a_reason(client, town, typed, code):
    with pytest.raises(ValidationError) as refused:
        org_services.organisation_update(organisation=town.org, by=town.member, bankgiro=typed)
    assert refused.value.code == code
    client.force_login(town.member)
    url = reverse("initiatives:organisation", args=[town.org.pk])
    response = client.post(
        url, profile_data(town.org, bankgiro=typed, city="Ändrad", name="Nytt namn")
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["bankgiro"]
    assert (form["city"].value(), form["name"].value()) == ("Ändrad", "Nytt namn")
    page = response.content.decode()
    assert 'href="#id_bankgiro"' in page
    assert "<h1>Läxhjälpsföreningen</h1>" in page  # the refused name is not shown as saved
    town.org.refresh_from_db()
    assert town.org.bankgiro == "" and town.org.city == "Demostad"


def test_a_kontaktperson_reads_the_profile_but_cannot_change_it(client, town):
    kontakt = join(town, town.org, KONTAKT, "kontakt")
    with pytest.raises(PermissionDenied):
        org_services.organisation_update(organisation=town.org, by=kontakt, city="X")
    client.force_login(kontakt)
    url = reverse("initiatives:organisation", args=[town.org.pk])
    response = client.get(url)
    assert response.context["form"] is None
    assert town.org.org_number in response.content.decode()
    response = client.post(url, profile_data(town.org, city="X"))
    assert response.status_code == 403
    town.org.refresh_from_db()
    assert town.org.city == "Demostad"


def test_script_typed_into_the_profile_and_names_is_shown_as_text(client, town):
    script = '<script>alert("x")</script>'
    org_services.organisation_update(
        organisation=town.org, by=town.member, name=f"Förening {script}", city=script
    )
    join(town, town.org, KONTAKT, "kontakt")
    kontakt = membership(Membership.objects.get(user__username="kontakt").user, town.org).user
    kontakt.first_name = script
    kontakt.save()
    client.force_login(town.member)
    for url_name in ("initiatives:organisation", "initiatives:organisation_members"):
        page = client.get(reverse(url_name, args=[town.org.pk])).content.decode()
        assert "<script>alert" not in page
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


# --- Documents ----------------------------------------------------------------------------------


def test_a_document_is_stored_with_its_year_and_served_only_to_those_entitled(client, town):
    kontakt = join(town, town.org, KONTAKT, "kontakt")
    document = org_services.organisation_document_add(
        organisation=town.org,
        by=kontakt,
        kind=OrganisationDocument.Kind.ARSREDOVISNING,
        year=2025,
        uploaded_file=pdf_upload("Årsredovisning 2025.pdf"),
    )
    assert (document.original_name, document.content_type) == (
        "Årsredovisning_2025.pdf",
        "application/pdf",
    )
    assert document.history.count() == 1
    url = document.get_absolute_url()

    def status(user):
        client.force_login(user)
        return client.get(url).status_code

    # Staff see it only once they handle one of the organisation's cases.
    assert status(town.handlaggare) == 404
    town.submitted()
    assert {
        "firmatecknare": status(town.member),
        "kontaktperson": status(kontakt),
        "handläggare at the case's förvaltning": status(town.handlaggare),
        "handläggare elsewhere": status(town.handlaggare_amf),
        "another organisation": status(town.other_member),
    } == {
        "firmatecknare": 200,
        "kontaktperson": 200,
        "handläggare at the case's förvaltning": 200,
        "handläggare elsewhere": 404,
        "another organisation": 404,
    }
    client.force_login(town.member)
    response = client.get(url)
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == document.file.open("rb").read()
    client.logout()
    assert client.get(url).status_code == 302


def test_an_oversized_or_mislabelled_document_is_refused_and_the_form_is_kept(
    client, town, settings
):
    client.force_login(town.member)
    url = reverse("initiatives:organisation", args=[town.org.pk])
    pdf = pdf_bytes("Stadgar")
    settings.IOP_ATTACHMENT_MAX_BYTES = len(pdf) - 1
    data = {"action": "document", "kind": "stadgar", "year": "2024"}
    response = client.post(url, data | {"file": pdf_upload("stadgar.pdf", pdf)})
    assert response.status_code == 200
    form = response.context["document_form"]
    assert "En fil får vara högst" in form.errors["file"][0]
    assert (form["kind"].value(), form["year"].value()) == ("stadgar", "2024")
    page = response.content.decode()
    assert 'href="#id_file"' in page

    settings.IOP_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
    png = SimpleUploadedFile("stadgar.pdf", png_bytes(), content_type="application/pdf")
    response = client.post(url, data | {"file": png})
    form = response.context["document_form"]
    assert form.errors["file"] == [
        "Filen stadgar.pdf heter .pdf men innehållet är PNG. Kontrollera att du valt rätt fil."
    ]
    assert form["year"].value() == "2024"
    assert not OrganisationDocument.objects.exists()

    response = client.post(url, data | {"year": "20x4", "file": pdf_upload()})
    assert response.context["document_form"].errors["year"]
    assert not OrganisationDocument.objects.exists()


# --- Forged posts -------------------------------------------------------------------------------


def test_forged_posts_for_an_organisation_the_user_does_not_represent_answer_404(client, town):
    victim = membership(town.member, town.org)
    client.force_login(town.other_member)
    before = Organisation.objects.get(pk=town.org.pk).name
    posts = [
        (
            reverse("initiatives:organisation_members", args=[town.org.pk]),
            {"email": "ond@example.org", "role": FIRMA},
        ),
        (
            reverse("initiatives:organisation", args=[town.org.pk]),
            profile_data(town.org, name="Kapad"),
        ),
        (
            reverse("initiatives:organisation", args=[town.org.pk]),
            {"action": "document", "kind": "stadgar", "year": "2024", "file": pdf_upload()},
        ),
        (reverse("initiatives:member_remove", args=[town.org.pk, victim.pk]), {}),
        # The other organisation's own URL with this organisation's membership in it.
        (reverse("initiatives:member_remove", args=[town.other_org.pk, victim.pk]), {}),
        (reverse("initiatives:organisation_switch"), {"organisation": town.org.pk}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    assert Organisation.objects.get(pk=town.org.pk).name == before
    assert not Invitation.objects.exists()
    assert not OrganisationDocument.objects.exists()
    assert membership(town.member, town.org).ended_at is None
    assert client.session.get("organisation_id") != town.org.pk


# --- Choosing the organisation ----------------------------------------------------------------


def test_a_person_with_two_organisations_switches_and_pages_follow_the_choice(client, town):
    both = town.member
    second = factories.organisation(both, name="Andra föreningen i Demostad")
    mine = town.submitted(title="Läxhjälpens ärende")
    services.initiative_save_draft(by=both, organisation=second, title="Andra föreningens utkast")
    client.force_login(both)

    page = client.get(reverse("initiatives:my_cases"))
    first_choice = page.context["chosen_organisation"]
    assert first_choice in (town.org, second)
    page = client.post(reverse("initiatives:organisation_switch"), {"organisation": second.pk})
    assert page.status_code == 302
    response = client.get(reverse("initiatives:my_cases"))
    # My cases lists every organisation's cases; the filter narrows it to one.
    titles = {case.title for case in response.context["page"].object_list}
    assert titles == {"Andra föreningens utkast", mine.title}
    narrowed = client.get(reverse("initiatives:my_cases"), {"organisation": second.pk})
    assert [c.title for c in narrowed.context["page"].object_list] == ["Andra föreningens utkast"]
    header = response.content.decode()
    assert "Andra föreningen i Demostad</a>" in header
    assert reverse("initiatives:organisation", args=[second.pk]) in header

    client.post(reverse("initiatives:organisation_switch"), {"organisation": town.org.pk})
    response = client.get(reverse("initiatives:my_cases"))
    assert response.context["chosen_organisation"] == town.org
    # An organisation the user does not represent is no filter at all, not a way in.
    other = client.get(reverse("initiatives:my_cases"), {"organisation": town.other_org.pk})
    assert len(other.context["page"].object_list) == 2
    # A new draft belongs to the chosen organisation.
    response = client.get(reverse("initiatives:create"))
    assert response.context["form"].initial["organisation"] == town.org.pk
    client.post(reverse("initiatives:organisation_switch"), {"organisation": second.pk})
    response = client.get(reverse("initiatives:create"))
    assert response.context["form"].initial["organisation"] == second.pk


def test_a_choice_no_longer_represented_falls_back_to_one_that_is(client, town):
    person = join(town, town.org, KONTAKT, "tva")
    invitation = member_services.member_invite(
        organisation=town.other_org, by=town.other_member, email=person.email, role=KONTAKT
    )
    member_services.invitation_accept(token=invitation.token, by=person)
    client.force_login(person)
    client.post(reverse("initiatives:organisation_switch"), {"organisation": town.other_org.pk})
    assert client.get(reverse("initiatives:my_cases")).context["chosen_organisation"] == (
        town.other_org
    )
    member_services.member_remove(
        membership=membership(person, town.other_org), by=town.other_member
    )
    response = client.get(reverse("initiatives:my_cases"))
    assert response.context["chosen_organisation"] == town.org
    assert client.session["organisation_id"] == town.org.pk


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


def test_profile_page_runs_the_same_queries_for_1_and_50_documents(
    client, town, django_assert_num_queries
):
    pdf = pdf_bytes("Handling")

    def add(year):
        org_services.organisation_document_add(
            organisation=town.org,
            by=town.member,
            kind=OrganisationDocument.Kind.VERKSAMHETSBERATTELSE,
            year=year,
            uploaded_file=pdf_upload(f"vb{year}.pdf", pdf),
        )

    add(1970)
    url = reverse("initiatives:organisation", args=[town.org.pk])
    client.force_login(town.member)
    client.get(url)  # warm the session
    # session, user, the organisation, the user's role, whether a case is registered,
    # the documents with their uploaders
    with django_assert_num_queries(6) as one:
        response = client.get(url)
    assert len(response.context["documents"]) == 1
    for year in range(1971, 2020):
        add(year)
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert len(response.context["documents"]) == 50


def test_a_kontaktperson_pressing_submit_keeps_the_draft_and_is_told_who_can(client, town):
    kontakt = join(town, town.org, KONTAKT, "kontakt")
    draft = town.draft()
    client.force_login(kontakt)
    response = client.post(reverse("initiatives:step", args=[draft.pk, "granska"]), {"submit": "1"})
    assert response.status_code == 200
    assert "Bara en firmatecknare kan skicka in initiativet." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_a_new_organisation_stores_its_bankgiro_in_the_usual_form(town):
    organisation = factories.organisation(town.member, bankgiro="50501055")
    assert organisation.bankgiro == "5050-1055"
    with pytest.raises(ValidationError):
        factories.organisation(town.member, bankgiro="50501056")


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
