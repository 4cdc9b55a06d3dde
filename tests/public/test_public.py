"""Public pages: the register with its downloads and feed, and publishing agreements to it."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from agreements import services as agreement_services

from ..factories_public import partnerships_bulk
from ._support import guide_post, publish

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'
ATOM = "{http://www.w3.org/2005/Atom}"


def atom(content: bytes):
    return ET.fromstring(content)  # noqa: S314 (our own feed, from the test server)


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


def _row(page: str, agreement) -> str:
    start = page.index(f'<li class="border-top py-3" id="partnerskap-{agreement.pk}">')
    return page[start : page.index("</li>", start)]


def test_a_row_shows_its_term_state_and_contact_in_the_chosen_language(client, town, partnership):
    term = f"{partnership.term_start.isoformat()} – {partnership.term_end.isoformat()}"
    row = _row(register(client).content.decode(), partnership)
    assert f'<dt class="col-sm-4">Avtalstid</dt><dd class="col-sm-8">{term} (pågående)' in row
    assert f'<a href="mailto:{town.sof.contact_email}">{town.sof.contact_email}</a>' in row
    assert f"<strong>Läxhjälpsföreningen</strong> och {town.sof.name}</p>" in row
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    row = _row(register(client).content.decode(), partnership)
    assert f'Agreement term</dt><dd class="col-sm-8">{term} (ongoing)' in row
    assert "The municipality&#x27;s contribution" in row and f"</strong> and {town.sof.name}" in row


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
    # Out of range is the last page, not a number the first; page 1 read before the count.
    for sida, shown in (("99", "Sida 3 av 3"), ("0", "Sida 3 av 3"), ("x", "Sida 1 av 3")):
        assert shown in register(client, sida=sida).content.decode()
    page = register(client, sida="1").content.decode()
    assert "45 partnerskap" in page and page.count('id="partnerskap-') == 20
    page = register(client, q="Partnerskap 50004", sida="x").content.decode()
    assert "5 partnerskap" in page and page.count('id="partnerskap-') == 5
    assert "Sida 1" not in page


OUTPUTS = ["public:register", "public:register_csv", "public:register_json", "public:register_feed"]


@pytest.mark.parametrize("name", OUTPUTS)
def test_each_output_runs_the_same_queries_for_1_and_50(
    client, town, name, django_assert_num_queries
):
    budget = {"public:register": 3, "public:register_feed": 1}.get(name, 2)
    partnerships_bulk(1, forvaltningar=[town.sof, town.amf], created_by=town.handlaggare)
    # The register's first page, when not full, is its own count: no COUNT.
    with django_assert_num_queries(budget - (name == "public:register")):
        assert b"Partnerskap 500000" in client.get(reverse(name)).content
    partnerships_bulk(49, forvaltningar=[town.sof, town.amf], created_by=town.handlaggare, start=1)
    with django_assert_num_queries(budget):
        client.get(reverse(name))


def read_csv(client, **params):
    """The register's CSV as dicts by its Swedish headers (semicolon-separated, with a BOM)."""
    response = client.get(reverse("public:register_csv"), params)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))


def test_csv_and_json_hold_the_register_rows(client, town, partnership):
    (row,) = read_csv(client)
    assert row["Rubrik"] == "Läxhjälp i Demostad"
    assert row["Organisation"] == "Läxhjälpsföreningen"
    assert row["Kommunens insats (kr)"] == "200000"
    assert row["Organisationens insats (kr)"] == "60000"
    assert row["Kontaktpersonens e-post"] == "christina@kommun.example"
    assert row["Status"] == "Pågående"
    (result,) = client.get(reverse("public:register_json")).json()["results"]
    assert result["title"] == row["Rubrik"] and result["diarienummer"] == row["Diarienummer"]
    assert result["municipality_contribution_sek"] == 200000
    assert result["organisation_contribution_sek"] == 60000
    assert result["status"] == "active"
    assert read_csv(client, q="finnsinte") == []


def test_the_downloads_name_the_decision_the_kommun_the_namnd_and_the_case_renewed(
    client, town, partnership
):
    case = partnership.initiative
    earlier = town.active(title="Det förra partnerskapet", paragraph=7)
    case.renews = earlier
    case.save(update_fields=["renews"])
    decision = case.decisions.get()
    results = client.get(reverse("public:register_json")).json()["results"]
    (result,) = [r for r in results if r["diarienummer"] == case.diarienummer]
    assert result["renews"] == earlier.diarienummer
    assert result["organisationsnummer"] == case.organisation.org_number
    assert result["kommun"] == case.forvaltning.kommun.name
    assert result["namnd"] == case.forvaltning.namnd.name
    assert result["decision_date"] == decision.meeting_date.isoformat()
    assert result["decision_paragraph"] == decision.paragraph
    (row,) = read_csv(client, q="Läxhjälp")
    assert row["Fortsätter partnerskapet (diarienummer)"] == earlier.diarienummer
    assert row["Paragraf (§)"] == str(decision.paragraph)


def test_csv_cells_cannot_become_formulas(client, town):
    partnership = publish(town.active(title='=HYPERLINK("http://x")'), summary="+1+2")
    partnership.initiative.organisation.name = "@SUM(A1)"
    partnership.initiative.organisation.save()
    town.sof.contact_name = "-2+3"
    town.sof.save()
    (row,) = read_csv(client)
    assert row["Rubrik"] == '\'=HYPERLINK("http://x")'
    assert row["Beskrivning"] == "'+1+2"
    assert row["Organisation"] == "'@SUM(A1)"
    assert row["Kontaktperson på förvaltningen"] == "'-2+3"
    # The JSON is data, not a spreadsheet: it keeps the text as written.
    (result,) = client.get(reverse("public:register_json")).json()["results"]
    assert result["title"] == '=HYPERLINK("http://x")'
    assert result["contact"]["name"] == "-2+3"


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
        for key in (
            "Rubrik",
            "Organisation",
            "Förvaltning",
            "Beskrivning",
            "Kontaktperson på förvaltningen",
        )
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
        # The organisationsnummer is published (the open data names the organisation by it);
        # an IOP partner is a legal person, so the number is not a person's.
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
