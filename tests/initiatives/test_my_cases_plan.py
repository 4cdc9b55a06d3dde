"""Mina ärenden at scale: the member's few cases are found without reading everyone's."""

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.generate_cases import generate_cases

OTHER_CASES = 5000


def _rows_read(sql: str) -> int:
    """Rows PostgreSQL read from the cases table to answer `sql`."""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan

    def walk(node):
        own = node["Actual Rows"] * node["Actual Loops"]
        read = own if node.get("Relation Name") == "initiatives_initiative" else 0
        return read + sum(walk(child) for child in node.get("Plans", []))

    return walk(plan[0]["Plan"])


def test_my_cases_reads_the_members_cases_not_the_whole_table(client, town):
    """With the organisations joined through the memberships only, the planner could not tell
    how few of the cases are the member's and walked every case in date order to find them."""
    town.active()
    generate_cases(
        OTHER_CASES,
        forvaltningar=[town.sof],
        organisations=[town.other_org],
        staff=[town.handlaggare],
        created_by=town.handlaggare,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    client.force_login(town.member)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("initiatives:my_cases"))
    assert response.context["page"].paginator.count == 1
    listing = next(
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].startswith('SELECT "initiatives_initiative"."id"') and "LIMIT" in q["sql"]
    )
    assert _rows_read(listing) < 100
