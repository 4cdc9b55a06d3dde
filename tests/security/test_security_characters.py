"""Characters the portal must survive (issue 8): bidi, NUL and control characters, and what
they did to pages, feeds, CSV and mails; records and parameters no form cleans."""

import csv
import io
import xml.etree.ElementTree as ET

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client, RequestFactory
from django.urls import reverse

from accounts.models import Forvaltning
from agreements import services as agreement_services
from core import text
from initiatives.models import CaseMessage, DiaryEntry, Initiative
from organisations.models import Membership, Organisation

from .. import factories

pytestmark = pytest.mark.django_db


# --- Text: bidi, NUL and control characters -----------------------------------------------------


def test_bidi_controls_are_stripped_from_names_and_titles(client, town):
    client.force_login(town.member)
    data = {
        "name": "Föreningen \u202eredna\u202c AB\u200f",
        "org_number": factories.org_number(),
        "legal_form": "ideell_forening",
        "street_address": "Storgatan 1",
        "postal_code": "111 22",
        "city": "Demo\u2066stad",
        "contact_name": "Kim\x00 Kontakt",
        "contact_email": "kim@forening.example",
        "contact_phone": "070-123 45 67",
    }
    assert client.post(reverse("initiatives:organisation_create"), data).status_code == 302
    organisation = Organisation.objects.get(org_number=data["org_number"])
    assert organisation.name == "Föreningen redna AB"
    assert organisation.city == "Demostad" and organisation.contact_name == "Kim Kontakt"
    draft = town.draft(title="Läx\u202ehjälp\nfor alla")
    assert draft.title == "Läxhjälp for alla"


def test_multi_line_text_keeps_right_to_left_writing_but_closes_every_control_in_its_line():
    value = "שלום \u202bעולם\nrad \u202e\u2066nested\nstray \u202c\u2069 end"
    assert text.clean_text(value) == (
        "שלום \u202bעולם\u202c\nrad \u202e\u2066nested\u2069\u202c\nstray  end"
    )
    for line in text.clean_text(value).split("\n"):
        assert text.balance_bidi(line) == line


def test_nul_in_a_message_is_removed_not_a_crash(client, town):
    case = town.submitted()
    client.force_login(town.member)
    response = client.post(reverse("initiatives:messages", args=[case.pk]), {"body": "Hej\x00 då"})
    assert response.status_code == 302
    assert CaseMessage.objects.get().body == "Hej då"


def test_a_search_with_a_nul_is_answered(client, town):
    town.submitted()
    client.force_login(town.member)
    assert client.get(reverse("initiatives:my_cases"), {"q": "Läx\x00"}).status_code == 200


def test_the_database_layer_cleans_what_bypasses_the_forms(town):
    Organisation.objects.filter(pk=town.org.pk).update(name="A\x00\u202eB")
    town.org.refresh_from_db()
    assert town.org.name == "AB"
    case = town.submitted()
    Initiative.objects.filter(pk=case.pk).update(challenge="rad\x0b\u202e ett")
    case.refresh_from_db()
    assert case.challenge == "rad\u202e ett\u202c"


def test_a_control_character_in_a_summary_does_not_break_the_atom_feed(client, town):
    case = town.active()
    agreement_services.agreement_publication_set(
        agreement=case.agreement,
        publishable=True,
        public_summary="Läxhjälp\x0b för \u202ealla",
        by=town.handlaggare,
    )
    response = Client().get(reverse("public:register_feed"))
    assert response.status_code == 200
    summary = ET.fromstring(response.content).find(  # noqa: S314 - our own feed
        "{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}summary"
    )
    assert summary.text.startswith("Läxhjälp för \u202ealla\u202c")


def test_csv_cells_are_cleaned_and_formulas_made_text(town):
    case = town.active(title='=HYPERLINK("http://127.0.0.1/")')
    agreement_services.agreement_publication_set(
        agreement=case.agreement,
        publishable=True,
        public_summary="-2+3 \u202eredna",
        by=town.handlaggare,
    )
    content = Client().get(reverse("public:register_csv")).content.decode().removeprefix("\ufeff")
    row = list(csv.DictReader(io.StringIO(content), delimiter=";"))[0]
    assert row["Rubrik"] == '\'=HYPERLINK("http://127.0.0.1/")'
    assert row["Beskrivning"] == "'-2+3 \u202eredna\u202c"


# --- Mails and records ------------------------------------------------------------------------


def test_mail_subjects_and_bodies_are_plain_text_not_html_escaped(
    town, django_capture_on_commit_callbacks
):
    case = town.assessed(title='Barn & unga <3 "nu"')
    agreement = agreement_services.agreement_create_draft(initiative=case, by=town.handlaggare)
    with django_capture_on_commit_callbacks(execute=True):
        agreement_services.agreement_send_to_organisation(agreement=agreement, by=town.handlaggare)
    message = mail.outbox[-1]
    assert 'Barn & unga <3 "nu"' in message.subject
    assert 'Barn & unga <3 "nu"' in message.body and "&amp;" not in message.body


def test_a_member_with_a_very_long_name_can_write_a_message(client, town):
    member = get_user_model().objects.create_user(
        "langtnamn", "langt@example.org", "x", first_name="F" * 150, last_name="L" * 150
    )

    Membership.objects.create(user=member, organisation=town.org, role="kontaktperson")
    case = town.submitted()
    client.force_login(member)
    response = client.post(reverse("initiatives:messages", args=[case.pk]), {"body": "Hej"})
    assert response.status_code == 302
    subject = DiaryEntry.objects.filter(initiative=case).latest("pk").subject
    assert len(subject) <= 300 and subject.endswith("…")


@pytest.mark.parametrize(
    ("pattern", "refused"),
    [
        ("{prefix} {year}-{number:04d}", False),
        ("Dnr {number}/{year}", False),
        ("{number:>999999999}", True),
        ("{prefix.__class__} {year} {number}", True),
        ("{foo} {year} {number}", True),
        ("{prefix} {number}", True),  # the numbers would repeat every year
        ("{prefix:04d} {year} {number}", True),
        ("{prefix} {year} {number", True),
        ("{prefix} {year} {number:020d}", False),
        ("{prefix}{prefix}{prefix} {year} {number:030d}", True),  # longer than the column
    ],
)
def test_a_diary_pattern_that_would_fail_or_overflow_is_refused(town, pattern, refused):
    request = RequestFactory().get("/admin/")
    request.user = town.superuser
    form_class = admin.site._registry[Forvaltning].get_form(request, town.amf, change=True)
    data = {
        "kommun": town.kommun.pk,
        "namnd": town.amf.namnd_id,
        "name": town.amf.name,
        "diary_prefix": "AMN",
        "diary_pattern": pattern,
        "deputy_title": "Avdelningschef",
    }
    form = form_class(data, instance=town.amf)
    assert form.is_valid() is not refused, form.errors
    if refused:
        assert form.errors["diary_pattern"]


# --- Parameters no form cleans ------------------------------------------------------------------


def test_a_mangled_id_or_a_nul_in_a_parameter_is_not_a_crash(town):
    member, staff = Client(raise_request_exception=False), Client(raise_request_exception=False)
    member.force_login(town.member)
    staff.force_login(town.handlaggare)
    draft = town.draft()
    answers = [
        member.post(reverse("initiatives:organisation_switch"), {"organisation": "abc"}),
        member.post(reverse("initiatives:step", args=[draft.pk, "bilagor"]), {"remove": "1 OR 1"}),
        member.get(reverse("initiatives:my_cases"), {"q": "a\x00", "organisation": "\x00"}),
        Client().get(reverse("public:register"), {"q": "\x00", "sida": "\x00"}),
        staff.get(reverse("admin:initiatives_initiative_changelist"), {"status": "\x00"}),
        staff.get(reverse("admin:initiatives_initiative_changelist"), {"q": "SOF\x00"}),
    ]
    assert [a.status_code for a in answers] == [404, 404, 200, 200, 200, 200]
