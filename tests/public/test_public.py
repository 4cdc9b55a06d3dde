"""Public pages: the IOP guide, the register with its downloads and feed, the accessibility page."""

import csv
import importlib
import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.apps import apps
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from agreements import services as agreement_services
from agreements.models import Contribution, Party
from assessments.models import CriteriaSet, Criterion, GuideOutcome

from ..factories_public import partnerships_bulk

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'
ATOM = "{http://www.w3.org/2005/Atom}"


def atom(content: bytes):
    return ET.fromstring(content)  # noqa: S314 (our own feed, from the test server)


def fill_guide():
    """Re-fill the guide questions a transactional test's flush removed (the migration's data)."""
    importlib.import_module("assessments.migrations.0004_fill_criterion_guide").fill(apps, None)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


@pytest.fixture
def town(town):
    fill_guide()
    return town


def questions(forvaltning):
    return list(forvaltning.criteria_set.criteria.exclude(guide_question="").order_by("position"))


def guide_post(client, forvaltning, overrides=None, **texts):
    data = {"forvaltning": forvaltning.pk} | texts
    data |= {f"q{c.pk}": "yes" for c in questions(forvaltning)}
    for position, answer in (overrides or {}).items():
        data[f"q{forvaltning.criteria_set.criteria.get(position=position).pk}"] = answer
    return client.post(reverse("public:guide"), data)


def publish(initiative, summary="Läxhjälp för elever i årskurs 4–9."):
    agreement = initiative.agreement
    agreement.publishable = True
    agreement.public_summary = summary
    agreement.save(update_fields=["publishable", "public_summary"])
    Contribution.objects.update_or_create(
        agreement=agreement,
        party=Party.MUNICIPALITY,
        year=2027,
        defaults={"amount_sek": 200_000},
    )
    Contribution.objects.update_or_create(
        agreement=agreement,
        party=Party.ORGANISATION,
        year=2027,
        defaults={
            "amount_sek": 10_000,
            "in_kind_description": "Ideella timmar",
            "in_kind_value_sek": 50_000,
        },
    )
    return agreement


# --- The guide -----------------------------------------------------------------------------------


def test_the_seeded_criteria_carry_guide_questions(town):
    assert len(questions(town.sof)) == 6  # Stockholm
    assert len(questions(town.amf)) == 8  # Linköping
    market = Criterion.objects.get(criteria_set=town.sof.criteria_set, position=4)
    assert "marknad" in market.guide_question
    assert market.guide_if_no == GuideOutcome.UPPHANDLING
    general = Criterion.objects.get(criteria_set=town.sof.criteria_set, position=3)
    assert general.guide_if_no == GuideOutcome.FORENINGSBIDRAG


def test_the_guide_asks_the_chosen_forvaltnings_criteria(client, town):
    response = client.get(reverse("public:guide"))
    page = response.content.decode()
    assert "Socialförvaltningen" in page and "Arbetsmarknadsförvaltningen" in page
    assert "Steg 2 av 2" not in page

    for forvaltning in (town.sof, town.amf):
        page = client.get(reverse("public:guide"), {"forvaltning": forvaltning.pk}).content.decode()
        for criterion in questions(forvaltning):
            assert f'name="q{criterion.pk}"' in page
            assert criterion.guide_question in page
    assert "lokal utveckling" in page  # Linköping's extra criterion, asked at amf only


def test_the_questions_are_the_criteria_data_not_code(client, town):
    criterion = Criterion.objects.get(criteria_set=town.sof.criteria_set, position=1)
    criterion.guide_question = "Är detta en ändrad fråga?"
    criterion.save()
    page = client.get(reverse("public:guide"), {"forvaltning": town.sof.pk}).content.decode()
    assert "Är detta en ändrad fråga?" in page


def test_all_yes_points_to_iop_and_carries_the_answers(client, town):
    response = guide_post(
        client,
        town.sof,
        challenge="Barn saknar läxhjälp.",
        own_contribution="Ideella läxhjälpare.",
        activity="",
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("public:guide_result")
    assert client.session["iop_guide_answers"] == {
        "forvaltning": town.sof.pk,
        "challenge": "Barn saknar läxhjälp.",
        "own_contribution": "Ideella läxhjälpare.",
    }
    page = client.get(reverse("public:guide_result")).content.decode()
    assert "IOP är värt att utforska" in page
    assert "Christina Grönberg" in page and "christina@kommun.example" in page
    assert reverse("initiatives:create") in page


@pytest.mark.parametrize(
    ("overrides", "heading"),
    [
        ({4: "no"}, "Upphandling är troligen rätt väg"),
        ({5: "no"}, "Upphandling är troligen rätt väg"),
        ({3: "no"}, "Föreningsbidrag är troligen rätt väg"),
        ({3: "no", 4: "no"}, "Upphandling är troligen rätt väg"),
        ({2: "no"}, "Det går inte att säga ännu"),
        ({1: "unknown"}, "Det går inte att säga ännu"),
    ],
)
def test_a_no_points_where_its_criterion_says_with_the_reason(client, town, overrides, heading):
    guide_post(client, town.sof, overrides)
    page = client.get(reverse("public:guide_result")).content.decode()
    assert heading in page
    reason = Criterion.objects.get(criteria_set=town.sof.criteria_set, position=max(overrides))
    assert reason.guide_question in page
    assert reason.guide_help in page
    assert "IOP är värt att utforska" not in page
    # The way on goes through the förvaltning's sakkunnig whatever the answer.
    assert "christina@kommun.example" in page


def test_an_unanswered_question_is_refused_in_swedish_and_nothing_is_lost(client, town):
    first = questions(town.sof)[0]
    data = {"forvaltning": town.sof.pk, "challenge": "Barn saknar läxhjälp."}
    data |= {f"q{c.pk}": "yes" for c in questions(town.sof)[1:]}
    response = client.post(reverse("public:guide"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Välj ja, nej eller vet inte." in page
    assert f'href="#id_q{first.pk}_0"' in page  # the summary links to the first radio
    assert "Barn saknar läxhjälp." in page
    assert page.count("checked") == len(questions(town.sof)) - 1
    assert "iop_guide_answers" not in client.session


def test_the_result_without_answers_sends_back_to_the_guide(client, town):
    response = client.get(reverse("public:guide_result"))
    assert response.status_code == 302 and response["Location"] == reverse("public:guide")


def test_guide_pages_run_a_fixed_number_of_queries(client, town, django_assert_num_queries):
    with django_assert_num_queries(2):
        client.get(reverse("public:guide"), {"forvaltning": town.amf.pk})
    guide_post(client, town.amf)
    # Session, förvaltningar with their criteria set, the questions.
    with django_assert_num_queries(3):
        client.get(reverse("public:guide_result"))


# --- The register --------------------------------------------------------------------------------


@pytest.fixture
def partnership(town):
    return publish(town.active())


def register(client, **params):
    return client.get(reverse("public:register"), params)


def test_the_register_shows_published_partnerships_with_contributions(client, town, partnership):
    town.active(paragraph=2, title="Opublicerat partnerskap")
    undecided = town.for_decision(title="Inte beslutat än")
    undecided.agreement.publishable = True
    undecided.agreement.save()
    page = register(client).content.decode()
    assert "Läxhjälp i Demostad" in page
    assert "Läxhjälpsföreningen" in page
    assert "Läxhjälp för elever i årskurs 4–9." in page
    assert "200\u00a0000\u00a0kr" in page  # municipality: money
    assert "60\u00a0000\u00a0kr" in page  # organisation: money and valued resources
    assert "Christina Grönberg" in page
    assert "Opublicerat partnerskap" not in page
    assert "Inte beslutat än" not in page
    assert "1 partnerskap" in page
    assert "utlysning" not in page.replace("gör inga utlysningar", "")


def test_search_and_filters(client, town, partnership):
    partnerships_bulk(3, forvaltningar=[town.amf], created_by=town.handlaggare_amf)
    page = register(client, q="läxhjälp").content.decode()
    assert "Läxhjälp i Demostad" in page and "Partnerskap 500000" not in page
    page = register(client, q="nummer 500001").content.decode()
    assert "Partnerskap 500001" in page and "Läxhjälp i Demostad" not in page
    page = register(client, forvaltning=town.amf.pk).content.decode()
    assert "Partnerskap 500000" in page and "Läxhjälp i Demostad" not in page
    page = register(client, state="ended").content.decode()  # odd rows are ended
    assert "Partnerskap 500001" in page and "Partnerskap 500000" not in page
    assert "Läxhjälp i Demostad" not in page
    page = register(client, state="active").content.decode()
    assert "Läxhjälp i Demostad" in page and "Partnerskap 500001" not in page
    page = register(client, q="finnsinte").content.decode()
    assert "Inga partnerskap matchar sökningen." in page
    # An invalid filter value is ignored rather than failing the page.
    assert register(client, forvaltning="x", state="nonsense").status_code == 200


def test_the_empty_register_says_so(client, town):
    page = register(client).content.decode()
    assert "Inga partnerskap är publicerade ännu." in page
    assert "Christina Grönberg" in page  # the way in is there even without partnerships


def test_the_register_pages(client, town):
    partnerships_bulk(45, forvaltningar=[town.sof], created_by=town.handlaggare)
    page = register(client, forvaltning=town.sof.pk).content.decode()
    assert "Sida 1 av 3" in page
    assert f"forvaltning={town.sof.pk}&amp;sida=2" in page
    page = register(client, forvaltning=town.sof.pk, sida=3).content.decode()
    assert "Sida 3 av 3" in page and page.count('id="partnerskap-') == 5


OUTPUTS = ["public:register", "public:register_csv", "public:register_json", "public:register_feed"]


@pytest.mark.parametrize("name", OUTPUTS)
def test_each_output_runs_the_same_queries_for_1_and_50(
    client, town, name, django_assert_num_queries
):
    budget = {"public:register": 3, "public:register_feed": 1}.get(name, 2)
    partnerships_bulk(1, forvaltningar=[town.sof, town.amf], created_by=town.handlaggare)
    with django_assert_num_queries(budget):
        assert b"Partnerskap 500000" in client.get(reverse(name)).content
    partnerships_bulk(49, forvaltningar=[town.sof, town.amf], created_by=town.handlaggare, start=1)
    with django_assert_num_queries(budget):
        client.get(reverse(name))


def read_csv(client, **params):
    response = client.get(reverse("public:register_csv"), params)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_and_json_hold_the_register_rows(client, town, partnership):
    (row,) = read_csv(client)
    assert row["title"] == "Läxhjälp i Demostad"
    assert row["organisation"] == "Läxhjälpsföreningen"
    assert row["municipality_contribution_sek"] == "200000"
    assert row["organisation_contribution_sek"] == "60000"
    assert row["contact_email"] == "christina@kommun.example"
    assert row["state"] == "active"
    data = client.get(reverse("public:register_json")).json()
    assert data["count"] == 1
    assert data["results"][0] == dict(row) | {
        "id": partnership.pk,
        "municipality_contribution_sek": 200000,
        "organisation_contribution_sek": 60000,
    }
    assert read_csv(client, q="finnsinte") == []


def test_csv_cells_cannot_become_formulas(client, town):
    partnership = publish(town.active(title='=HYPERLINK("http://x")'), summary="+1+2")
    partnership.initiative.organisation.name = "@SUM(A1)"
    partnership.initiative.organisation.save()
    town.sof.contact_name = "-2+3"
    town.sof.save()
    (row,) = read_csv(client)
    assert row["title"] == '\'=HYPERLINK("http://x")'
    assert row["summary"] == "'+1+2"
    assert row["organisation"] == "'@SUM(A1)"
    assert row["contact_name"] == "'-2+3"
    # The JSON is data, not a spreadsheet: it keeps the text as written.
    assert client.get(reverse("public:register_json")).json()["results"][0]["summary"] == "+1+2"


def test_the_feed_lists_new_partnerships(client, town, partnership):
    response = client.get(reverse("public:register_feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = atom(response.content)
    (entry,) = feed.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "Läxhjälp i Demostad – Läxhjälpsföreningen"
    assert entry.find(f"{ATOM}link").get("href").endswith(f"#partnerskap-{partnership.pk}")
    assert "Läxhjälp för elever" in entry.find(f"{ATOM}summary").text


def test_script_in_any_text_field_is_shown_as_text_everywhere(client, town):
    town.sof.name = "SOF " + HOSTILE
    town.sof.contact_name = "Kontakt " + HOSTILE
    town.sof.save()
    agreement = publish(town.active(title="Rubrik " + HOSTILE), summary="Text " + HOSTILE)
    agreement.initiative.organisation.name = "Org " + HOSTILE
    agreement.initiative.organisation.save()

    for page in (
        register(client).content.decode(),
        client.get(reverse("public:guide"), {"forvaltning": town.sof.pk}).content.decode(),
    ):
        assert "<script>" not in page and "<img src=x" not in page
        assert "&lt;script&gt;" in page
    rows = read_csv(client)
    assert all(
        rows[0][key].endswith(HOSTILE)
        for key in ("title", "organisation", "forvaltning", "summary", "contact_name")
    )
    response = client.get(reverse("public:register_json"))
    assert response["Content-Type"] == "application/json"
    assert response.json()["results"][0]["title"] == "Rubrik " + HOSTILE
    # Atom's summary is HTML: the markup must arrive escaped, so a reader shows it as text.
    entry = atom(client.get(reverse("public:register_feed")).content).find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}summary").get("type") == "html"
    assert "&lt;script&gt;" in entry.find(f"{ATOM}summary").text
    assert "<script>" not in entry.find(f"{ATOM}summary").text
    assert entry.find(f"{ATOM}title").text == f"Rubrik {HOSTILE} – Org {HOSTILE}"
    # The guide's result page too.
    guide_post(client, town.sof)
    assert "<script>" not in client.get(reverse("public:guide_result")).content.decode()


def test_no_personal_data_of_members_in_any_output(client, town, partnership):
    organisation = partnership.initiative.organisation
    personal = [
        town.member.email,
        town.member.get_full_name(),
        town.member.username,
        town.handlaggare.email,
        town.handlaggare.get_full_name(),
        organisation.contact_name,
        organisation.contact_email,
        organisation.contact_phone,
        organisation.org_number,
    ]
    guide_post(client, town.sof)
    outputs = {
        "register": register(client).content.decode(),
        "csv": json.dumps(read_csv(client), ensure_ascii=False),
        "json": client.get(reverse("public:register_json")).content.decode("unicode_escape"),
        "feed": client.get(reverse("public:register_feed")).content.decode(),
        "guide": client.get(reverse("public:guide_result")).content.decode(),
    }
    for name, text in outputs.items():
        assert "Läxhjälpsföreningen" in text or name == "guide"
        for value in personal:
            assert value not in text, f"{value!r} appears in the {name} output"


# --- Accessibility statement and reports ---------------------------------------------------------


def test_the_statement_follows_diggs_model_and_is_in_the_footer(client, town):
    page = client.get(reverse("public:accessibility")).content.decode()
    for heading in (
        "Hur tillgänglig är webbplatsen?",
        "Rapportera brister i webbplatsens tillgänglighet",
        "Tillsyn",
        "Innehåll som inte är tillgängligt",
        "Hur vi testat webbplatsen",
    ):
        assert heading in page
    assert "https://www.digg.se/tdosanmalan" in page
    assert "Testkommun står bakom den här webbplatsen" in page
    home = client.get(reverse("home")).content.decode()
    footer = home[home.index("<footer") :]
    assert reverse("public:accessibility") in footer
    assert reverse("public:register") in footer


def report(client, **fields):
    data = {"page": "/partnerskap/", "description": "Fokus syns inte på sökknappen."} | fields
    return client.post(reverse("public:accessibility_report"), data, follow=True)


def test_a_report_is_mailed_to_the_configured_address(client, settings, town):
    settings.IOP_ACCESSIBILITY_EMAIL = "webb@kommun.example"
    response = report(client, email="anna@example.org")
    assert "Tack! Din rapport är skickad till webb@kommun.example." in response.content.decode()
    (message,) = mail.outbox
    assert message.to == ["webb@kommun.example"]
    assert "Fokus syns inte på sökknappen." in message.body
    assert "anna@example.org" in message.body and "/partnerskap/" in message.body


def test_bad_input_is_refused_clearly_and_kept(client, town):
    response = report(client, description="", email="inte-en-adress", page="Startsidan")
    page = response.content.decode()
    assert "Beskriv problemet så att vi kan åtgärda det." in page
    assert "Skriv en giltig e-postadress, till exempel namn@exempel.se." in page
    assert 'href="#id_description"' in page
    assert 'value="Startsidan"' in page
    assert mail.outbox == []


def test_robots_and_floods_send_nothing(client, settings, town):
    settings.IOP_ACCESSIBILITY_REPORTS_PER_HOUR = 2
    report(client, website="http://spam.example")
    assert mail.outbox == []
    report(client)
    report(client)
    page = report(client).content.decode()
    assert len(mail.outbox) == 2
    assert "Du har skickat många rapporter på kort tid." in page
    assert "Fokus syns inte på sökknappen." in page  # kept for when they try again


def test_public_pages_run_a_fixed_number_of_queries(client, town, django_assert_num_queries):
    with django_assert_num_queries(1):
        client.get(reverse("public:accessibility"))
    with django_assert_num_queries(0):
        client.get(reverse("public:accessibility_report"))


def test_the_guide_offers_only_published_criteria_sets(client, town):
    draft = CriteriaSet.objects.create(name="Utkast till kriterier", version=1, published=False)
    Criterion.objects.create(
        criteria_set=draft, position=1, text="Ett kriterium", guide_question="Opublicerad fråga?"
    )
    town.amf.criteria_set = draft
    town.amf.save()
    page = client.get(reverse("public:guide")).content.decode()
    assert "Socialförvaltningen" in page and "Arbetsmarknadsförvaltningen" not in page
    response = client.get(reverse("public:guide"), {"forvaltning": town.amf.pk})
    assert "Opublicerad fråga?" not in response.content.decode()


def test_staff_publish_a_decided_agreement_in_the_admin(client, town):
    agreement = town.active().agreement
    client.force_login(town.superuser)
    url = reverse("admin:agreements_agreement_change", args=[agreement.pk])
    page = client.get(url).content.decode()
    # The agreement itself is read-only after the decision; publishing it is not.
    assert 'name="publishable"' in page and 'name="public_summary"' in page
    assert 'name="purpose"' not in page


def test_publishing_needs_a_summary_and_staff_of_the_case(town):
    agreement = town.active().agreement
    with pytest.raises(ValidationError) as refused:
        agreement_services.agreement_publication_set(
            agreement=agreement, publishable=True, public_summary="  ", by=town.handlaggare
        )
    assert "Skriv en kort beskrivning" in refused.value.message_dict["public_summary"][0]
    with pytest.raises(PermissionDenied):
        agreement_services.agreement_publication_set(
            agreement=agreement,
            publishable=True,
            public_summary="Läxhjälp.",
            by=town.handlaggare_amf,
        )
    agreement.refresh_from_db()
    assert not agreement.publishable
    # After the decision the terms are locked, but publishing stays the förvaltning's choice.
    agreement_services.agreement_publication_set(
        agreement=agreement, publishable=True, public_summary="Läxhjälp.", by=town.handlaggare
    )
    agreement.refresh_from_db()
    assert agreement.publishable and agreement.public_summary == "Läxhjälp."
