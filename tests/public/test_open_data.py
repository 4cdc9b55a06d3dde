"""The register as open data: a CSV for Swedish Excel, the documented JSON, a DCAT-AP-SE file."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from ..factories_public import partnerships_bulk
from ._support import publish
from .test_public import read_csv

pytestmark = pytest.mark.django_db

RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
DCAT = "{http://www.w3.org/ns/dcat#}"
DCT = "{http://purl.org/dc/terms/}"
FOAF = "{http://xmlns.com/foaf/0.1/}"
VCARD = "{http://www.w3.org/2006/vcard/ns#}"

JSON_FIELDS = {
    "diarienummer",
    "organisation",
    "organisationsnummer",
    "kommun",
    "namnd",
    "forvaltning",
    "title",
    "term_start",
    "term_end",
    "decision_date",
    "decision_paragraph",
    "municipality_contribution_sek",
    "organisation_contribution_sek",
    "status",
    "renews",
    "contact",
}
CSV_HEADER = [
    "Diarienummer",
    "Organisation",
    "Organisationsnummer",
    "Kommun",
    "Nämnd",
    "Förvaltning",
    "Rubrik",
    "Avtalet gäller från",
    "Avtalet gäller till och med",
    "Beslutsdatum",
    "Paragraf (§)",
    "Kommunens insats (kr)",
    "Organisationens insats (kr)",
    "Status",
    "Fortsätter partnerskapet (diarienummer)",
    "Beskrivning",
    "Kontaktperson på förvaltningen",
    "Kontaktpersonens e-post",
    "Kontaktpersonens telefon",
]


@pytest.fixture
def partnership(town):
    return publish(town.active(paragraph=7))


def test_each_partnership_in_the_json_has_exactly_the_documented_fields(client, town, partnership):
    partnerships_bulk(2, forvaltningar=[town.amf], created_by=town.handlaggare_amf)
    data = client.get(reverse("public:register_json")).json()
    assert data["count"] == 3
    assert all(set(row) == JSON_FIELDS for row in data["results"])
    case = partnership.initiative
    (row,) = [r for r in data["results"] if r["diarienummer"] == case.diarienummer]
    assert row == {
        "diarienummer": case.diarienummer,
        "organisation": "Läxhjälpsföreningen",
        "organisationsnummer": case.organisation.org_number,
        "kommun": "Testkommun",
        "namnd": "Socialnämnden",
        "forvaltning": "Socialförvaltningen",
        "title": case.title,
        "term_start": partnership.term_start.isoformat(),
        "term_end": partnership.term_end.isoformat(),
        "decision_date": "2026-11-02",
        "decision_paragraph": 7,
        "municipality_contribution_sek": 200000,
        "organisation_contribution_sek": 60000,
        "status": "active",
        # No renewal link yet: a first partnership continues none.
        "renews": None,
        "contact": {
            "name": "Christina Grönberg",
            "email": "christina@kommun.example",
            "phone": None,
        },
    }
    # Bulk rows have no decision recorded and no contact person at AMF: null, not "".
    bulk = next(r for r in data["results"] if r["diarienummer"] == "BULK 500000")
    assert bulk["decision_date"] is None and bulk["contact"] is None


def test_the_csv_opens_in_swedish_excel_with_swedish_headers_and_values(client, town, partnership):
    partnerships_bulk(2, forvaltningar=[town.amf], created_by=town.handlaggare_amf)
    response = client.get(reverse("public:register_csv"))
    raw = response.content.decode("utf-8")
    # Swedish Excel splits on semicolons and reads UTF-8 only after the byte-order mark.
    assert raw.startswith("\ufeff") and raw.splitlines()[0].removeprefix("\ufeff") == ";".join(
        CSV_HEADER
    )
    rows = {row["Diarienummer"]: row for row in read_csv(client)}
    row = rows[partnership.initiative.diarienummer]
    assert row["Organisationsnummer"] == partnership.initiative.organisation.org_number
    assert row["Nämnd"] == "Socialnämnden" and row["Kommun"] == "Testkommun"
    assert row["Beslutsdatum"] == "2026-11-02" and row["Paragraf (§)"] == "7"
    assert row["Avtalet gäller från"] == partnership.term_start.isoformat()
    assert row["Status"] == "Pågående" and rows["BULK 500001"]["Status"] == "Avslutat"
    assert row["Fortsätter partnerskapet (diarienummer)"] == ""


def test_the_csv_stays_swedish_for_a_reader_who_chose_english(client, town, partnership):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    (row,) = read_csv(client)
    assert list(row) == CSV_HEADER and row["Status"] == "Pågående"


def dcat(client):
    response = client.get(reverse("public:register_dcat"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rdf+xml; charset=utf-8"
    return ET.fromstring(response.content)  # noqa: S314 (our own file, from the test client)


def test_the_dcat_ap_se_description_has_what_dataportal_se_requires(
    client, town, partnership, settings
):
    settings.IOP_PORTAL_URL = "https://iop.kommun.example"
    settings.IOP_PUBLISHER_ORG_NUMBER = "212000-0142"
    root = dcat(client)
    (catalog,) = root.findall(f"{DCAT}Catalog")
    (dataset,) = root.findall(f"{DCAT}Dataset")
    (publisher,) = root.findall(f"{FOAF}Agent")
    (contact,) = root.findall(f"{VCARD}Organization")
    distributions = root.findall(f"{DCAT}Distribution")

    def about(element):
        return element.get(f"{RDF}about")

    def resource(element, tag):
        return [e.get(f"{RDF}resource") for e in element.findall(tag)]

    # The catalogue: title, description, publisher, licence and its dataset (mandatory).
    assert catalog.find(f"{DCT}title").text == "Testkommuns idéburna offentliga partnerskap"
    assert catalog.find(f"{DCT}description").text
    assert resource(catalog, f"{DCT}license") == [
        "http://creativecommons.org/publicdomain/zero/1.0/"
    ]
    assert resource(catalog, f"{DCAT}dataset") == [about(dataset)]
    # Exactly one publisher, named as the portal merges publishers, and described once.
    assert about(publisher) == "http://dataportal.se/organisation/SE2120000142"
    assert (
        resource(catalog, f"{DCT}publisher")
        == resource(dataset, f"{DCT}publisher")
        == [about(publisher)]
    )
    assert publisher.find(f"{FOAF}name").text == "Testkommun"
    # The dataset: mandatory and recommended fields; its contact and its three files.
    assert dataset.find(f"{DCT}title").get("{http://www.w3.org/XML/1998/namespace}lang") == "sv"
    assert dataset.find(f"{DCT}description").text
    assert resource(dataset, f"{DCAT}contactPoint") == [about(contact)]
    assert resource(contact, f"{VCARD}hasEmail") == ["mailto:oppnadata@kommun.example"]
    assert len(dataset.findall(f"{DCAT}keyword")) >= 2 and dataset.findall(f"{DCAT}theme")
    assert resource(dataset, f"{DCT}accessRights") == [
        "http://publications.europa.eu/resource/authority/access-right/PUBLIC"
    ]
    period = dataset.find(f"{DCT}temporal/{DCT}PeriodOfTime")
    assert period.find(f"{DCAT}startDate").text == partnership.term_start.isoformat()
    assert sorted(resource(dataset, f"{DCAT}distribution")) == sorted(map(about, distributions))
    # No blank nodes for the main entities, every IRI absolute and the same whatever the host.
    main = [catalog, dataset, publisher, contact, *distributions]
    assert all(about(e) and urlsplit(about(e)).scheme in {"http", "https"} for e in main)
    assert len({about(e) for e in main}) == len(main)
    for element in root.iter():
        for value in (element.get(f"{RDF}about"), element.get(f"{RDF}resource")):
            assert value is None or urlsplit(value).scheme in {"http", "https", "mailto"}
    # Each distribution's file is there to download.
    formats = {}
    for distribution in distributions:
        (url,) = resource(distribution, f"{DCAT}downloadURL")
        assert url.startswith("https://iop.kommun.example/")
        assert client.get(urlsplit(url).path).status_code == 200
        formats[url.rsplit("/", 1)[1]] = resource(distribution, f"{DCT}format")[0].rsplit("/")[-1]
    assert formats == {"partnerskap.csv": "CSV", "partnerskap.json": "JSON", "nya.atom": "ATOM"}


def test_without_an_organisationsnummer_the_publisher_has_the_portals_own_uri(client, town):
    root = dcat(client)
    publisher = root.find(f"{FOAF}Agent").get(f"{RDF}about")
    assert publisher.endswith(reverse("public:register_dcat") + "#utgivare")
    # An empty register is still described, without a period.
    assert root.find(f"{DCAT}Dataset/{DCT}temporal") is None


def test_the_description_takes_the_same_queries_for_1_and_50(
    client, town, django_assert_num_queries
):
    partnerships_bulk(1, forvaltningar=[town.sof], created_by=town.handlaggare)
    with django_assert_num_queries(2):  # the kommun's name, the register's period
        dcat(client)
    partnerships_bulk(49, forvaltningar=[town.sof], created_by=town.handlaggare, start=1)
    with django_assert_num_queries(2):
        dcat(client)
