"""The contributions summary: each party's share, and the warnings and information it gives."""

import pytest

from agreements import drafting
from agreements.models import (
    InKind,
    Party,
)

pytestmark = pytest.mark.django_db


# --- The contributions summary -------------------------------------------------------------------


def row(party, year=2027, amount=0, kind="", value=0):
    return {
        "party": party,
        "year": year,
        "amount_sek": amount,
        "in_kind_type": kind,
        "in_kind_description": "x" if kind else "",
        "in_kind_hours": None,
        "in_kind_value_sek": value,
    }


def test_summary_shows_each_party_share(settings):
    settings.IOP_DIRECT_PROCUREMENT_LIMIT_SEK = 700_000
    summary = drafting.contribution_summary(
        [
            row(Party.MUNICIPALITY, amount=200_000, kind=InKind.PREMISES, value=100_000),
            row(Party.ORGANISATION, kind=InKind.VOLUNTEER_HOURS, value=100_000),
        ]
    )
    municipality, organisation = summary.parties
    assert (municipality.money, municipality.in_kind, municipality.share) == (
        200_000,
        100_000,
        75.0,
    )
    assert (organisation.total, organisation.share) == (100_000, 25.0)
    assert summary.warnings == [] and summary.information == []


def test_warning_when_the_municipality_pays_everything():
    summary = drafting.contribution_summary([row(Party.MUNICIPALITY, amount=200_000)])
    [warning] = summary.warnings
    assert warning.startswith("Kommunen står för hela finansieringen.")
    assert "båda parter" in warning


def test_information_when_municipal_money_passes_the_direct_procurement_limit(settings):
    settings.IOP_DIRECT_PROCUREMENT_LIMIT_SEK = 534_000
    below = drafting.contribution_summary(
        [row(Party.MUNICIPALITY, amount=534_000), row(Party.ORGANISATION, amount=1)]
    )
    assert below.information == []
    above = drafting.contribution_summary(
        [
            row(Party.MUNICIPALITY, year=2027, amount=300_000),
            row(Party.MUNICIPALITY, year=2028, amount=300_000),
            row(Party.ORGANISATION, kind=InKind.PREMISES, value=50_000),
        ]
    )
    [info] = above.information
    assert "600\u00a0000 kr" in info and "534\u00a0000 kr" in info
    assert "avgör inte" in info
    assert above.warnings == []
