"""The register described for Sveriges dataportal: a DCAT-AP-SE catalogue in RDF/XML.

dataportal.se harvests RDF/XML over HTTP(S) from one address, once a day. Every main entity
(catalogue, dataset, distributions, publisher, contact) has its own absolute URI, never a blank
node; they are built from IOP_PORTAL_URL, never from the request's host, so that they stay the
same however the portal is reached. The publisher is named the way the portal merges publishers
across catalogues, http://dataportal.se/organisation/SE<organisationsnummer>, when the
municipality's number is configured (IOP_PUBLISHER_ORG_NUMBER).

The texts are Swedish, marked xml:lang="sv", whatever language the reader chose: a harvested
description has one language per literal, and the register's data is Swedish.
"""

import re

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from . import register

CC0 = "http://creativecommons.org/publicdomain/zero/1.0/"
EU = "http://publications.europa.eu/resource/authority/"


def _base() -> str:
    return settings.IOP_PORTAL_URL.rstrip("/")


def publisher_uri(dcat_url: str) -> str:
    digits = re.sub(r"\D", "", settings.IOP_PUBLISHER_ORG_NUMBER or "")
    if len(digits) == 10:
        return f"http://dataportal.se/organisation/SE{digits}"
    return f"{dcat_url}#utgivare"


def catalogue(*, kommun: str) -> dict:
    """What the catalogue template (public/dcat.rdf) says: URIs, names, dates, the files."""
    base = _base()
    dcat_url = base + reverse("public:register_dcat")
    period = register.register_period()
    updated = period["updated"]
    return {
        "kommun": kommun,
        "catalog": dcat_url,
        "dataset": f"{dcat_url}#partnerskap",
        "publisher": publisher_uri(dcat_url),
        "contact": f"{dcat_url}#kontakt",
        "contact_email": settings.IOP_OPEN_DATA_EMAIL,
        "register": base + reverse("public:register"),
        "license": CC0,
        "eu": EU,
        "modified": timezone.localdate(updated) if updated else timezone.localdate(),
        "start": period["start"],
        "end": period["end"],
        "distributions": [
            {
                "uri": f"{dcat_url}#csv",
                "url": base + reverse("public:register_csv"),
                "format": "text/csv",
                "file_type": "CSV",
                "title": "Partnerskapen som CSV",
                "description": (
                    "Semikolonseparerad, UTF-8 med BOM, svenska rubriker: öppnas som kolumner "
                    "i svenska Excel."
                ),
            },
            {
                "uri": f"{dcat_url}#json",
                "url": base + reverse("public:register_json"),
                "format": "application/json",
                "file_type": "JSON",
                "title": "Partnerskapen som JSON",
                "description": (
                    "Ett objekt per partnerskap med diarienummer, organisation, "
                    "organisationsnummer, kommun, nämnd, förvaltning, rubrik, avtalstid, beslut, "
                    "insatser, status, vilket partnerskap det fortsätter och kontaktperson."
                ),
            },
            {
                "uri": f"{dcat_url}#atom",
                "url": base + reverse("public:register_feed"),
                "format": "application/atom+xml",
                "file_type": "ATOM",
                "title": "Nya partnerskap som Atom-flöde",
                "description": "De senast publicerade partnerskapen.",
            },
        ],
    }
