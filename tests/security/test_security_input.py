"""Input the portal must survive (issue 8): numbers the database cannot hold and texts without
an end (bidi, NUL and control characters: test_security_characters)."""

import pytest
from django.apps import apps
from django.contrib.staticfiles import finders
from django.core import validators
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.urls import reverse

from agreements import services as agreement_services
from agreements.models import Contribution, ReportDate
from core import fields
from core.fields import TextBlockField
from decisions.models import Decision
from term.models import FollowUpReport

pytestmark = pytest.mark.django_db

OURS = (
    "accounts",
    "organisations",
    "initiatives",
    "agreements",
    "assessments",
    "decisions",
    "namnd",
    "term",
    "reminders",
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
    # Checksums the portal computes of the documents it stores.
    ("decisions", "pdf_sha256"),
    ("namnd", "sha256"),
    ("reminders", "token"),  # a calendar link's secret, made by the portal
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
