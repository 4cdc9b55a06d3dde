"""The staff case list (admin changelist) at 100 000 cases, beside the plain query for its rows.

A handläggare of one of three förvaltningar (about 33 000 cases each) opens the first page of the
queue through the test Client: plainly, searching an organisationsnummer, searching a word,
filtered to overdue cases, and sorted by the next date. The baseline is the plain SQL that
fetches the same page of rows with their organisation and handläggare, and the COUNT(*) the
paginator needs, measured in the same run just before each figure.
"""

import time

from django.conf import settings
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import setup_test_environment
from django.urls import reverse

from bench.common import median_seconds, report
from bench.generate_cases import generate_cases

CASES = 100_000

PLAIN_PAGE = """
SELECT i.id, i.diarienummer, i.title, i.status, i.submitted_at, i.updated_at,
       o.name, o.org_number, u.first_name, u.last_name
FROM initiatives_initiative i
JOIN organisations_organisation o ON o.id = i.organisation_id
LEFT JOIN accounts_user u ON u.id = i.handlaggare_id
WHERE i.forvaltning_id = %s AND i.status <> 'draft'
ORDER BY i.submitted_at DESC, i.id DESC
LIMIT %s
"""
PLAIN_COUNT = (
    "SELECT COUNT(*) FROM initiatives_initiative WHERE forvaltning_id = %s AND status <> 'draft'"
)


def main() -> None:
    from accounts.roles import HANDLAGGARE, roles_ensure
    from initiatives.admin import InitiativeAdmin

    setup_test_environment()
    settings.DEBUG = False
    start = time.perf_counter()
    made = generate_cases(CASES)
    with connection.cursor() as cursor:
        # What autovacuum would have done by the time anyone looks at the list.
        cursor.execute("VACUUM ANALYZE")
    print(f"   generated {made['cases']} cases in {time.perf_counter() - start:.1f} s")

    handlaggare = made["staff"][0]
    handlaggare.groups.add(roles_ensure()[HANDLAGGARE])
    forvaltning_id = handlaggare.forvaltning_id
    organisation = made["organisations"][1]
    per_page = InitiativeAdmin.list_per_page
    client = Client()
    client.force_login(handlaggare)
    url = reverse("admin:initiatives_initiative_changelist")

    def plain():
        with connection.cursor() as cursor:
            cursor.execute(PLAIN_PAGE, [forvaltning_id, per_page])
            rows = cursor.fetchall()
            cursor.execute(PLAIN_COUNT, [forvaltning_id])
            cursor.fetchone()
        assert len(rows) == per_page

    def page(params):
        def get():
            response = client.get(url, params)
            assert response.status_code == 200, response.status_code
            return response

        return get

    cases = [
        ("case list, first page", {}),
        ("search organisationsnummer (no dash)", {"q": organisation.org_number.replace("-", "")}),
        ("search a diarienummer", {"q": "2024-0471"}),
        ("search an organisation's name", {"q": organisation.name}),
        ("search a word in the title", {"q": "Initiativ 4711:"}),
        ("filter: overdue", {"datum": "overdue"}),
        ("filter: mine, sorted by next date", {"handlaggare": "mine", "o": "7"}),
        ("sorted by days since change", {"o": "6"}),
    ]
    for name, params in cases:
        get = page(params)
        response = get()
        settings.DEBUG = True
        reset_queries()
        get()
        queries = len(connection.queries)
        settings.DEBUG = False
        # The baseline is measured again beside each figure: on a shared machine the load moves
        # between measurements, and a ratio is only fair when both halves saw the same load.
        baseline = median_seconds(plain, repeat=15)
        seconds = median_seconds(get, repeat=15)
        report(
            f"{name} ({queries} q, {response.context['cl'].result_count} rows)",
            seconds,
            baseline_name=f"plain SQL: {per_page} rows + COUNT",
            baseline_seconds=baseline,
        )
