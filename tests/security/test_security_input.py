"""Input the portal must survive (issue 8): numbers the database cannot hold, bidi and NUL
characters, texts without an end, and what each of them did to pages, mails, CSV and Atom."""

import csv
import io
import xml.etree.ElementTree as ET

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.core import mail, validators
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.test import Client, RequestFactory
from django.urls import reverse

from accounts.models import Forvaltning
from agreements import services as agreement_services
from agreements.models import Contribution, ReportDate
from core import fields, text
from core.fields import TextBlockField
from decisions.models import Decision
from initiatives.models import CaseMessage, DiaryEntry, Initiative
from organisations.models import Membership, Organisation
from term.models import FollowUpReport

from .. import factories

pytestmark = pytest.mark.django_db

OURS = (
    "accounts",
    "organisations",
    "initiatives",
    "agreements",
    "assessments",
    "decisions",
    "term",
)


def _report_data(report_date, **overrides):
    data = {"activities_done": "Läxhjälp.", "participants_reached": "42", "deviations": ""}
    for c in report_date.agreement.contributions.filter(party="municipality"):
        data[f"used_{c.pk}"] = "90000"
    return data | overrides


# --- Numbers -----------------------------------------------------------------------------------


def test_a_follow_up_report_with_numbers_too_large_is_refused_beside_the_field(client, town):
    case = town.active()
    report_date = ReportDate.objects.filter(agreement__initiative=case).earliest("due_date")
    url = reverse("term:report", args=[case.pk, report_date.pk])
    client.force_login(town.member)
    line = report_date.agreement.contributions.filter(party="municipality").first()

    response = client.post(
        url,
        _report_data(report_date, participants_reached="99999999999999999999999")
        | {f"used_{line.pk}": str(10**22)},
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["participants_reached"] == ["Antalet får vara högst 10\u00a0000\u00a0000."]
    assert form.errors[f"used_{line.pk}"] == [
        "Beloppet får vara högst 1\u00a0000\u00a0000\u00a0000 kr. Ange det i hela kronor."
    ]
    assert not FollowUpReport.objects.exists()
    # The typed texts are still in the form, to correct and send again.
    assert "Läxhjälp." in response.content.decode()


def test_the_wizard_keeps_the_other_values_of_a_step_when_an_amount_is_out_of_range(client, town):
    draft = town.draft(own_contribution="", requested_amount_per_year=None)
    client.force_login(town.member)
    response = client.post(
        reverse("initiatives:step", args=[draft.pk, "resurser"]),
        {
            "own_contribution": "Ideella timmar.",
            "requested_amount_per_year": "10000000000000000000000",
            "requested_other_resources": "",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["requested_amount_per_year"] == [
        "Beloppet får vara högst 1\u00a0000\u00a0000\u00a0000 kr. Ange det i hela kronor."
    ]
    draft.refresh_from_db()
    assert draft.own_contribution == "Ideella timmar."  # saved although the amount was not
    assert draft.requested_amount_per_year is None


def test_a_decision_paragraph_the_column_cannot_hold_is_refused_in_swedish(client, town):
    case = town.for_decision()
    client.force_login(town.secretary)
    response = client.post(
        reverse("admin:initiatives_initiative_decision", args=[case.pk]),
        {
            "meeting_date": "2026-11-02",
            "paragraph": "40000",
            "outcome": "approved",
            "decision_text": "Bifall.",
        },
    )
    assert response.status_code == 200
    assert "Ange paragrafens nummer, från 1 till 9999." in response.content.decode()
    assert not Decision.objects.exists()


# Every number a person types, the largest it may be, and the table a constraint guards.
NUMBER_FIELDS = [
    ("initiatives.Initiative", "requested_amount_per_year", fields.MAX_KRONOR, True),
    ("organisations.OrganisationDocument", "year", fields.MAX_YEAR, True),
    ("agreements.Contribution", "year", fields.MAX_YEAR, True),
    ("agreements.Contribution", "amount_sek", fields.MAX_KRONOR, True),
    ("agreements.Contribution", "in_kind_value_sek", fields.MAX_KRONOR, True),
    ("agreements.Contribution", "in_kind_hours", fields.MAX_HOURS, True),
    ("decisions.Decision", "paragraph", fields.MAX_PARAGRAPH, True),
    ("term.FollowUpReport", "participants_reached", fields.MAX_PARTICIPANTS, True),
    ("term.FollowUpReportLine", "amount_used_sek", fields.MAX_KRONOR, True),
]


@pytest.mark.parametrize(("model", "name", "maximum", "constrained"), NUMBER_FIELDS)
def test_every_number_people_type_has_a_bound_in_the_model_and_the_database(
    model, name, maximum, constrained
):
    field = apps.get_model(model)._meta.get_field(name)
    highest = [
        v.limit_value for v in field.validators if isinstance(v, validators.MaxValueValidator)
    ]
    assert min(highest) == maximum
    with pytest.raises(ValidationError) as error:
        field.clean(maximum + 1, None)
    # The Swedish message names the bound, as people write numbers.
    said = " ".join(error.value.messages)
    assert str(maximum) in said or f"{maximum:,}".replace(",", "\u00a0") in said, said
    checks = [
        c for c in apps.get_model(model)._meta.constraints if isinstance(c, models.CheckConstraint)
    ]
    assert any(name in str(c.condition) for c in checks) == constrained


def test_the_database_refuses_an_amount_above_the_bound_whatever_wrote_it(town):
    case = town.active()
    contribution = Contribution.objects.filter(agreement__initiative=case).first()
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Contribution._meta.db_table} SET amount_sek = %s WHERE id = %s",  # noqa: S608
            [fields.MAX_KRONOR + 1, contribution.pk],
        )


# --- Text: limits -------------------------------------------------------------------------------


def _our_models():
    return [
        m
        for m in apps.get_models()
        if m._meta.app_label in OURS and not m.__name__.startswith("Historical")
    ]


# One-line fields that are not free text: numbers with their own validators, codes, keys.
NOT_FREE_TEXT = {
    ("organisations", "org_number"),
    ("organisations", "bankgiro"),
    ("organisations", "token_hash"),
    ("organisations", "content_type"),
    ("initiatives", "diarienummer"),
    ("initiatives", "content_type"),
    ("initiatives", "step"),
    ("accounts", "username"),
    ("accounts", "password"),
}


def test_every_text_field_people_fill_is_cleaned_and_has_a_limit():
    """A new field is covered too: each TextField is a TextBlockField (with a limit), each free
    one-line CharField a LineField."""
    for model in _our_models():
        for field in model._meta.get_fields():
            where = f"{model.__name__}.{field.name}"
            if isinstance(field, models.TextField):
                assert isinstance(field, TextBlockField), f"{where} has no visible limit"
                assert any(isinstance(v, validators.MaxLengthValidator) for v in field.validators)
            elif (
                type(field) is models.CharField
                and not field.choices
                and (model._meta.app_label, field.name) not in NOT_FREE_TEXT
            ):
                raise AssertionError(f"{where} is a plain CharField: make it a LineField")


def test_a_one_megabyte_activity_is_refused_and_the_typed_text_is_not_lost(client, town):
    draft = town.draft(activity="")
    client.force_login(town.member)
    huge = "Läxhjälp " * 120_000
    response = client.post(
        reverse("initiatives:step", args=[draft.pk, "verksamhet"]),
        {"activity": huge, "term_start": "2027-02-01", "term_end": "2027-12-31"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["activity"]
    assert errors == [
        "Texten får vara högst 10000 tecken lång. Nu är den 1079999 tecken: korta den och "
        "spara igen."
    ]
    page = response.content.decode()
    assert huge.strip() in page  # still in the textarea
    draft.refresh_from_db()
    assert draft.activity == "" and str(draft.term_start) == "2027-02-01"


def test_a_textarea_shows_its_limit_and_the_counter_script_is_served(client, town):
    draft = town.draft()
    client.force_login(town.member)
    page = client.get(reverse("initiatives:step", args=[draft.pk, "verksamhet"])).content.decode()
    assert 'maxlength="10000"' in page and 'data-charcount="10000"' in page
    assert 'data-charcount-left="Du har %(n)s tecken kvar av %(max)s."' in page
    assert "/static/js/character-count.js" in page
    script = finders.find("js/character-count.js")
    with open(script, encoding="utf-8") as source:
        assert 'aria-live", "polite"' in source.read()
    # The staff's pages get it too (the admin's base template).
    client.force_login(town.handlaggare)
    case = town.submitted(title="Till dialogen")
    admin_page = client.get(reverse("admin:initiatives_initiative_dialogue", args=[case.pk]))
    assert "/static/js/character-count.js" in admin_page.content.decode()
    assert 'data-charcount="2000"' in admin_page.content.decode()


def test_a_browser_counts_a_line_break_as_one_character_and_so_does_the_server():
    field = fields.TextFormField(max_length=5)
    assert field.clean("ab\r\ncd") == "ab\ncd"  # five characters, as the textarea counted


def test_a_clause_longer_than_its_limit_is_refused_by_the_service(town):
    agreement = agreement_services.agreement_create_draft(
        initiative=town.assessed(), by=town.handlaggare
    )
    clause = agreement.clauses.first()
    with pytest.raises(ValidationError) as error:
        agreement_services.agreement_update(
            agreement=agreement,
            by=town.handlaggare,
            clause_texts={clause.pk: {"heading": clause.heading, "text": "x" * 50_001}},
        )
    assert "högst 50000 tecken" in " ".join(error.value.messages)


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
    row = list(csv.DictReader(io.StringIO(content)))[0]
    assert row["title"] == '\'=HYPERLINK("http://127.0.0.1/")'
    assert row["summary"] == "'-2+3 \u202eredna\u202c"


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
