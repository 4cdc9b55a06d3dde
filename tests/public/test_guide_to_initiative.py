"""From the guide to a new initiative as a newcomer: sign up, confirm, organisation, draft."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.http import urlencode

from initiatives.models import Initiative
from organisations.models import Organisation

from .. import factories
from ..accounts.test_accounts import SIGNUP, link_in
from ._support import guide_post

pytestmark = pytest.mark.django_db

CREATE = reverse("initiatives:create")
ORGANISATION = {
    "name": "Nya läxhjälpen i Stad",
    "legal_form": "ideell_forening",
    "street_address": "Gatan 1",
    "postal_code": "111 11",
    "city": "Stad",
    "contact_name": "Alva Andersson",
    "contact_email": "alva@forening.example",
    "contact_phone": "070-123 45 67",
}


def test_the_result_says_exactly_what_is_carried_and_the_answers_are_not(client, town):
    guide_post(client, town.sof, challenge="Barn saknar läxhjälp.", activity="")
    page = client.get(reverse("public:guide_result")).content.decode()
    carried = page.split('id="guide-carried"')[1].split("</dl>")[0]
    assert "Förvaltning" in carried and "Socialförvaltningen" in carried
    assert "Samhällsutmaning" in carried and "Barn saknar läxhjälp." in carried
    assert "Föreslagen verksamhet" not in carried  # left empty: nothing carried
    assert "Era svar ja, nej och vet inte på frågorna följer inte med" in page
    assert "redan ifyllt" not in page


def test_a_newcomer_goes_from_the_guide_through_sign_up_back_to_the_new_initiative(
    client, town, django_capture_on_commit_callbacks
):
    guide_post(
        client,
        town.sof,
        challenge="Barn saknar läxhjälp.",
        activity="Läxhjälp två kvällar i veckan.",
        own_contribution="Ideella läxhjälpare.",
    )
    # The result's button leads to the wizard, which asks for a login that remembers it.
    response = client.get(CREATE)
    login = reverse("login") + "?next=" + CREATE
    assert response["Location"] == login
    page = client.get(login).content.decode()
    signup = reverse("signup") + "?next=" + CREATE
    assert signup in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(signup, SIGNUP)
    assert response["Location"] == reverse("signup_done")
    # The "send a new link" link on the next page keeps the way back too.
    done = client.get(reverse("signup_done")).content.decode()
    assert reverse("resend_verification") + "?next=" + CREATE in done
    # The mailed link confirms the address and sends the person to log in, then onwards.
    response = client.get(link_in(mail.outbox[0], "/konto/bekrafta/"))
    assert response["Location"] == reverse("login") + "?" + urlencode({"next": CREATE})
    response = client.post(login, {"username": "alva", "password": SIGNUP["password1"]})
    assert response["Location"] == CREATE
    # A newcomer has no organisation yet: that page comes first and then leads back.
    response = client.get(CREATE)
    organisation_url = (
        reverse("initiatives:organisation_create") + "?" + urlencode({"next": CREATE})
    )
    assert response["Location"] == organisation_url
    response = client.post(
        organisation_url, ORGANISATION | {"org_number": factories.org_number(), "next": CREATE}
    )
    assert response["Location"] == CREATE
    # The first step says what comes from the guide; the draft keeps all of it.
    page = client.get(CREATE).content.decode()
    notice = page.split('id="guide-carried"')[1].split("</div>")[0]
    for label in ("Förvaltning", "Samhällsutmaning", "Föreslagen verksamhet"):
        assert label in notice
    organisation = Organisation.objects.get(name=ORGANISATION["name"])
    response = client.post(
        CREATE,
        {
            "organisation": organisation.pk,
            "title": "Läxhjälp",
            "forvaltning": town.sof.pk,
            "next": "1",
        },
    )
    assert response.status_code == 302
    draft = Initiative.objects.get(title="Läxhjälp")
    assert draft.forvaltning == town.sof
    assert draft.challenge == "Barn saknar läxhjälp."
    assert draft.activity == "Läxhjälp två kvällar i veckan."
    assert draft.own_contribution == "Ideella läxhjälpare."


def test_creating_an_organisation_refuses_a_next_off_the_site(client, town):
    client.force_login(town.member)
    url = reverse("initiatives:organisation_create") + "?next=https://evil.example/"
    response = client.post(url, ORGANISATION | {"org_number": factories.org_number()})
    assert response["Location"] == reverse("initiatives:my_cases")


def test_a_logged_in_person_on_the_signup_page_goes_where_next_says(client, town):
    client.force_login(town.member)
    response = client.get(reverse("signup") + "?" + urlencode({"next": CREATE}))
    assert response["Location"] == CREATE


def test_staff_are_shown_no_link_to_the_wizard_they_may_not_use(client, town):
    # A staff account never acts for an organisation: the wizard answers 403, so neither the
    # start page nor the guide's result may offer it.
    client.force_login(town.handlaggare)
    assert client.get(CREATE).status_code == 403
    home = client.get(reverse("home")).content.decode()
    assert CREATE not in home
    assert reverse("admin:index") in home
    guide_post(client, town.sof, challenge="Barn saknar läxhjälp.", activity="")
    result = client.get(reverse("public:guide_result")).content.decode()
    assert 'id="guide-carried"' in result and CREATE not in result


def test_a_member_is_shown_the_link_to_the_wizard(client, town):
    client.force_login(town.member)
    assert CREATE in client.get(reverse("home")).content.decode()
