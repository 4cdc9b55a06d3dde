"""The register as open data: the CSV that Swedish Excel opens, and the JSON, row by row.

The CSV's headers and values are Swedish whatever language the reader chose in the portal: a
published file keeps one format. The JSON's keys are the documented ones (see dcat.py, which
describes both files), and its text is as stored, not made safe for a spreadsheet.
"""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.text import clean_text

from .register import RegisterState

# The CSV's columns: header and the row's key, in order.
CSV_COLUMNS = [
    (_("Diarienummer"), "diarienummer"),
    (_("Organisation"), "organisation"),
    (_("Organisationsnummer"), "organisationsnummer"),
    (_("Kommun"), "kommun"),
    (_("Nämnd"), "namnd"),
    (_("Förvaltning"), "forvaltning"),
    (_("Rubrik"), "title"),
    (_("Avtalet gäller från"), "term_start"),
    (_("Avtalet gäller till och med"), "term_end"),
    (_("Beslutsdatum"), "decision_date"),
    (_("Paragraf (§)"), "decision_paragraph"),
    (_("Kommunens insats (kr)"), "municipality_contribution_sek"),
    (_("Organisationens insats (kr)"), "organisation_contribution_sek"),
    (_("Status"), "state"),
    (_("Fortsätter partnerskapet (diarienummer)"), "renews"),
    (_("Beskrivning"), "summary"),
    (_("Kontaktperson på förvaltningen"), "contact_name"),
    (_("Kontaktpersonens e-post"), "contact_email"),
    (_("Kontaktpersonens telefon"), "contact_phone"),
]
# The CSV's values of a row's state, as a sentence would say them of one partnership.
STATE_WORDS = {RegisterState.ACTIVE: _("Pågående"), RegisterState.ENDED: _("Avslutat")}
# The JSON's keys, each partnership exactly these.
JSON_FIELDS = [
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
]


def _clean(value):
    """Text cleaned again (as text.clean_text), so that a value stored before the portal cleaned
    input cannot reorder a reader's output or break its parser."""
    return clean_text(value) if isinstance(value, str) else value


def csv_header() -> list[str]:
    with translation.override("sv"):
        return [str(header) for header, _key in CSV_COLUMNS]


def csv_row(row: dict) -> list:
    """The row's CSV values (swedish_csv makes them Swedish Excel's and formula-safe)."""
    with translation.override("sv"):
        values = {**row, "state": str(STATE_WORDS[RegisterState(row["state"])])}
        return [_clean(values[key]) for _header, key in CSV_COLUMNS]


def _date(value):
    return value.isoformat() if value else None


def _contact(row: dict) -> dict | None:
    contact = {
        "name": _clean(row["contact_name"]) or None,
        "email": _clean(row["contact_email"]) or None,
        "phone": _clean(row["contact_phone"]) or None,
    }
    return contact if any(contact.values()) else None


def json_row(row: dict) -> dict:
    """One partnership of the JSON, with exactly JSON_FIELDS."""
    data = {
        "diarienummer": row["diarienummer"],
        "organisation": row["organisation"],
        "organisationsnummer": row["organisationsnummer"],
        "kommun": row["kommun"],
        "namnd": row["namnd"],
        "forvaltning": row["forvaltning"],
        "title": row["title"],
        "term_start": _date(row["term_start"]),
        "term_end": _date(row["term_end"]),
        "decision_date": _date(row["decision_date"]),
        "decision_paragraph": row["decision_paragraph"],
        "municipality_contribution_sek": row["municipality_contribution_sek"],
        "organisation_contribution_sek": row["organisation_contribution_sek"],
        "status": row["state"],
        "renews": row["renews"],
        "contact": _contact(row),
    }
    return {key: _clean(value) for key, value in data.items()}
