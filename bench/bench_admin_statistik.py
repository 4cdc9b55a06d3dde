"""The statistics page (/admin/statistik/) at 100 000 cases, beside its own SQL.

Uses the cases an earlier bench made when there are enough (make bench runs the case list's
bench just before this one, so the page counts its 100 000), else makes them. A superuser
opens the page, which counts the whole municipality, and a handläggare, whose figures are
their förvaltning's, through the test
Client (the whole stack: middleware, session, admin frame, charts, template). Each page's
baseline is every statement it sent, captured once and run as plain SQL on the cursor. The two
are timed in turns.
"""

import os
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.common import paired_timings, report
from bench.generate_cases import generate_cases

CASES = int(os.environ.get("BENCH_CASES", 100_000))
# Each page takes seconds at this size: five turns keep make bench within its ten minutes.
REPEAT = int(os.environ.get("BENCH_STATS_REPEAT", 5))


def _plain_sql(client, url):
    """The page's statements as a function that runs them on the cursor, and their number."""
    connection.queries_log.clear()  # a full log (its length is bounded) would capture nothing
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    statements = [q["sql"] for q in captured.captured_queries]

    def run():
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
                if cursor.description is not None:
                    cursor.fetchall()

    return run, len(statements)


def main() -> None:
    from accounts.models import User
    from accounts.roles import HANDLAGGARE, roles_ensure
    from initiatives.models import Initiative

    start = time.perf_counter()
    if Initiative.objects.count() < CASES:
        generate_cases(CASES)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    print(f"   {Initiative.objects.count()} cases ({time.perf_counter() - start:.1f} s to make)")
    handlaggare = (
        User.objects.filter(username__startswith="bench.", forvaltning__isnull=False)
        .order_by("pk")
        .first()
    )
    handlaggare.groups.add(roles_ensure()[HANDLAGGARE])
    superuser = User.objects.create_superuser("bench.statistik", password=None)
    url = reverse("admin:statistik")
    for label, user in (
        ("statistics, whole municipality (superuser)", superuser),
        ("statistics, one förvaltning (handläggare)", handlaggare),
    ):
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        client.get(url)
        plain, statements = _plain_sql(client, url)

        def get(client=client):
            response = client.get(url)
            assert response.status_code == 200, response.status_code

        page_times, sql_times = paired_timings(get, plain, repeat=REPEAT)
        report(
            f"{label} ({statements} queries)",
            page_times,
            baseline_name=f"plain SQL: the page's {statements} statements",
            baseline_times=sql_times,
        )
