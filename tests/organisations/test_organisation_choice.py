"""Which organisation a person acts for: switching between two, and forged posts for another."""

from django.urls import reverse

from initiatives import services
from organisations import member_services
from organisations.models import Invitation, Organisation, OrganisationDocument

from .. import factories
from ._support import FIRMA, KONTAKT, join, membership, pdf_upload, profile_data

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
