"""Pages at scale: each list reads the rows it shows, not every case (plans read back with
EXPLAIN ANALYZE after ANALYZE, at 5 000 cases; the figures at 100 000 are in make bench's and
make load's)."""

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.generate_cases import generate_cases

OTHER_CASES = 5000


def _rows_read(sql: str, table: str = "initiatives_initiative") -> int:
    """Rows PostgreSQL read from `table` to answer `sql`."""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan

    def walk(node):
        own = node["Actual Rows"] * node["Actual Loops"]
        read = own if node.get("Relation Name") == table else 0
        return read + sum(walk(child) for child in node.get("Plans", []))

    return walk(plan[0]["Plan"])


def _fill(town, organisations):
    """OTHER_CASES registered cases of `organisations`, with the statistics ANALYZE gives."""
    generate_cases(
        OTHER_CASES,
        forvaltningar=[town.sof],
        organisations=organisations,
        staff=[town.handlaggare],
        created_by=town.handlaggare,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _statements(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in captured.captured_queries]


def test_my_cases_reads_the_members_cases_not_the_whole_table(client, town):
    """With the organisations joined through the memberships only, the planner could not tell
    how few of the cases are the member's and walked every case in date order to find them."""
    town.active()
    _fill(town, [town.other_org])
    client.force_login(town.member)
    url = reverse("initiatives:my_cases")
    assert client.get(url).context["page"].paginator.count == 1
    listing = next(
        sql
        for sql in _statements(client, url)
        if sql.startswith('SELECT "initiatives_initiative"."id"') and "LIMIT" in sql
    )
    assert _rows_read(listing) < 100


def test_the_start_page_reads_its_dates_and_idle_cases_in_order(client, town):
    """The overdue report dates (no report yet, as a join's IS NULL) and the idle cases (sorted
    by a value worked out for every open case) were each read in full and sorted."""
    _fill(town, [town.org, town.other_org])
    client.force_login(town.handlaggare)
    statements = _statements(client, reverse("admin:initiatives_initiative_start"))
    reports = next(s for s in statements if s.startswith('SELECT "agreements_reportdate"."id"'))
    assert _rows_read(reports, "agreements_reportdate") < 200
    idle = next(s for s in statements if '"initiatives_initiative"."updated_at" <' in s)
    assert _rows_read(idle) < 200


def test_the_organisations_list_reads_no_case_twice(client, town):
    """The organisations a handläggare sees were found by joining every case of theirs and
    dropping the repeats (DISTINCT), in each of the list's three statements."""
    _fill(town, [town.org, town.other_org])
    client.force_login(town.handlaggare)
    statements = _statements(client, reverse("admin:organisations_organisation_changelist"))
    listing = [s for s in statements if '"organisations_organisation"' in s and "FROM" in s]
    assert listing
    for sql in listing:
        assert _rows_read(sql) < 100, sql
