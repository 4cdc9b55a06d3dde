"""Public register of partnerships with 10 000 published rows: first page and a search.

Each page is timed through the whole Django stack (test client: middleware, view, template)
beside its own SQL: every statement the page sent (the förvaltningar for the filter, a search
word's lookups, the COUNT and the 20 rows), captured once and then run straight on the database
cursor without the ORM or a template. The two are timed in turns.

For scale, the last line times a page of the same stack that sends no SQL at all (the
accessibility report's form, with the same base template and middleware): what any page of the
portal costs before its own work begins.
"""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Forvaltning, Kommun, Namnd
from bench.common import paired_timings, report, spread, timings

ROWS = 10_000


def _setup():
    from accounts.models import User
    from tests.factories_public import partnerships_bulk

    kommun = Kommun.objects.create(name="Benchkommun")
    forvaltningar = [
        Forvaltning.objects.create(
            kommun=kommun,
            namnd=Namnd.objects.create(kommun=kommun, name=f"Nämnd {i}"),
            name=f"Förvaltning {i}",
            diary_prefix=f"F{i}",
            contact_name=f"Sakkunnig {i}",
            contact_email=f"sakkunnig{i}@kommun.example",
        )
        for i in range(5)
    ]
    user = User.objects.create_user("bench", is_staff=True, forvaltning=forvaltningar[0])
    partnerships_bulk(ROWS, forvaltningar=forvaltningar, created_by=user, start=100_000)
    with connection.cursor() as cursor:
        # What autovacuum would have done by the time anyone searches: without it the new rows sit
        # unmerged in the trigram indexes, the planner scans instead, and the SQL looks slower
        # (and the page's share of the time smaller) than it is.
        cursor.execute("VACUUM ANALYZE")


def _plain_sql(client, url, params):
    """The page's own statements, captured while it ran, as a function that runs them as plain
    SQL on the cursor; the number of statements; and the number of rows the page showed."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    statements = [q["sql"] for q in captured.captured_queries]

    def run():
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
                rows = cursor.fetchall()
        return rows

    shown = response.content.decode().count('id="partnerskap-')
    # Untimed: one of the statements is the page of rows (not always the last: a full first
    # page is read before its COUNT).
    with connection.cursor() as cursor:
        sizes = []
        for sql in statements:
            cursor.execute(sql)
            sizes.append(len(cursor.fetchall()))
    assert shown in sizes, (shown, sizes)
    return run, len(statements), shown


def main():
    _setup()
    client = Client(HTTP_HOST="127.0.0.1")
    url = reverse("public:register")
    for label, params in (
        ("register, first page", {}),
        ("register, search 'Förening 10012'", {"q": "Förening 10012"}),
    ):
        plain, statements, shown = _plain_sql(client, url, params)
        page_times, sql_times = paired_timings(
            lambda p=params: client.get(url, p), plain, repeat=30
        )
        report(
            f"{label} ({statements} queries, {shown} rows shown)",
            page_times,
            baseline_name=f"plain SQL: the page's {statements} statements",
            baseline_times=sql_times,
        )
    floor_url = reverse("public:accessibility_report")
    with CaptureQueriesContext(connection) as captured:
        assert client.get(floor_url).status_code == 200
    assert not captured.captured_queries
    floor = timings(lambda: client.get(floor_url), repeat=30)
    print("   for scale: a page of the same stack without SQL (the accessibility report's form)")
    print(f"      {'page':<44} {spread(floor)} ms (min median max)")
