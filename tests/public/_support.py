"""Helpers the public tests (and the browser tests) share: guide questions and posts, publishing."""

import importlib

from django.apps import apps
from django.urls import reverse

from agreements.models import Contribution, Party


def fill_guide():
    """Re-fill the guide questions a transactional test's flush removed (the migration's data)."""
    importlib.import_module("assessments.migrations.0004_fill_criterion_guide").fill(apps, None)


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
