"""The migration that moves existing agreements' fixed clause fields into clauses of their own."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

# The register's columns came from a parallel branch and stay applied when going back to 0002.
BEFORE = [
    ("agreements", "0002_templates_clauses_versions_signatures"),
    ("agreements", "0002_agreement_publishable"),
]
AFTER = [("agreements", "0004_remove_fixed_clause_fields")]

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def executor():
    """A migration executor; afterwards every app is migrated forward to its latest migration
    again, later migrations of other branches included."""
    executor = MigrationExecutor(connection)
    yield executor
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_existing_agreement_keeps_its_texts_as_clauses(executor):
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    kommun = old.get_model("accounts", "Kommun").objects.create(name="Gamla kommunen")
    namnd = old.get_model("accounts", "Namnd").objects.create(kommun=kommun, name="Nämnden")
    forvaltning = old.get_model("accounts", "Forvaltning").objects.create(
        kommun=kommun, namnd=namnd, name="Gamla förvaltningen", diary_prefix="GF"
    )
    user = old.get_model("accounts", "User").objects.create(username="gammal", is_staff=True)
    organisation = old.get_model("initiatives", "Organisation").objects.create(
        name="Gamla föreningen",
        org_number="802000-0001",
        legal_form="ideell_forening",
        street_address="Gatan 1",
        postal_code="111 11",
        city="Staden",
        contact_name="Kim",
        contact_email="kim@example.org",
        contact_phone="08-1",
    )
    initiative = old.get_model("initiatives", "Initiative").objects.create(
        organisation=organisation,
        forvaltning=forvaltning,
        status="active",
        title="Gammalt ärende",
        diarienummer="GF 2025-0001",
        submitted_at=timezone.now(),
        created_by=user,
    )
    agreement = old.get_model("agreements", "Agreement").objects.create(
        initiative=initiative,
        purpose="Gammalt syfte",
        activities="Gammal verksamhet",
        term_start=datetime.date(2025, 1, 1),
        term_end=datetime.date(2025, 12, 31),
        follow_up_clause="Gammal uppföljning",
        knowledge_sharing_clause="Gammal kunskapsspridning",
        repayment_clause="Gammal återbetalning",
        other_clauses="Uppsägning: tre månader.\nTvist: dialog.",
        municipality_signatory="Chef",
        organisation_signatory="Kim",
        created_by=user,
    )
    old.get_model("agreements", "Contribution").objects.create(
        agreement=agreement, party="organisation", year=2025, in_kind_description="Ideell tid"
    )

    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    migrated = new.get_model("agreements", "Agreement").objects.get(pk=agreement.pk)
    texts = dict(migrated.clauses.values_list("kind", "text"))
    assert texts["purpose"] == "Gammalt syfte"
    assert texts["activity"] == "Gammal verksamhet"
    assert texts["follow_up"] == "Gammal uppföljning"
    assert texts["knowledge_sharing"] == "Gammal kunskapsspridning"
    assert texts["repayment"] == "Gammal återbetalning"
    assert texts["other"] == "Uppsägning: tre månader.\nTvist: dialog."
    assert "Gamla föreningen" in texts["communication"] and "{" not in texts["communication"]
    assert list(migrated.clauses.order_by("position").values_list("kind", flat=True))[-1] == "other"
    assert migrated.template.name == "Kommunens standardmall för IOP-avtal"
    contribution = new.get_model("agreements", "Contribution").objects.get(agreement=migrated)
    assert contribution.in_kind_type == "other"
