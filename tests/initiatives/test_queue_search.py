"""The staff queue's search (initiatives.search): what each kind of term finds, that PostgreSQL
answers it from the trigram and B-tree indexes, and that it still works on SQLite (make run)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from initiatives import search
from initiatives.models import Initiative

from ._queue_support import changelist, listed

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_a_whole_diarienummer_finds_only_that_case(staff_client, town):
    case = town.submitted(title="Sökbar")
    town.submitted(title="Annan")
    assert listed(changelist(staff_client, q=case.diarienummer)) == [case]


def test_a_part_of_a_diarienummer_finds_the_cases_that_contain_it(staff_client, town):
    first = town.submitted(title="Första")
    second = town.submitted(title="Andra")
    year_and_number = first.diarienummer.split(" ")[1][:9]  # "2026-0001" of "SOF 2026-0001-01.06"
    found = listed(changelist(staff_client, q=year_and_number))
    assert first in found and second not in found


def test_a_word_of_the_title_or_the_organisations_name_in_any_case(staff_client, town):
    case = town.submitted(title="Läxhjälp i Husby")
    other = town.submitted(title="Språkcafé")
    assert listed(changelist(staff_client, q="LÄXHJÄLP i")) == [case]
    by_name = listed(changelist(staff_client, q=town.org.name.upper()))
    assert case in by_name and other in by_name


def test_the_start_of_an_organisationsnummer_finds_its_cases(staff_client, town):
    case = town.submitted()
    assert case in listed(changelist(staff_client, q=town.org.org_number[:6]))


def test_a_diarienummer_search_costs_the_lists_own_five_queries(
    staff_client, town, django_assert_num_queries
):
    # No organisation lookup: a diarienummer is answered from the case table alone.
    case = town.submitted()
    changelist(staff_client)
    with django_assert_num_queries(5):
        changelist(staff_client, q=case.diarienummer)


def _plan(queryset) -> str:
    with connection.cursor() as cursor:
        # A test database is too small for the planner to prefer an index; forbid the scans to
        # see which index matches the statement Django writes. Plain index scans go too: with
        # the statistics earlier tests leave, a walk of the primary key with a filter could
        # otherwise win, and a trigram index answers only through a bitmap scan.
        cursor.execute("ANALYZE")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("SET LOCAL enable_indexonlyscan = off")
        sql, params = queryset.query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.parametrize(
    ("term", "index"),
    [
        ("läxhjälp", "initiative_title_trgm_idx"),
        ("2026-0001", "initiative_dnr_trgm_idx"),
    ],
)
def test_postgresql_answers_the_search_from_a_trigram_index(town, term, index):
    town.submitted(title="Läxhjälp")
    queryset, _duplicates = search.case_search(Initiative.objects.all(), term)
    assert index in _plan(queryset.only("pk"))


def test_the_organisation_name_lookup_uses_its_trigram_index(town):
    from organisations.models import Organisation

    assert "organisation_name_trgm" in _plan(Organisation.objects.filter(name__icontains="för"))


def test_on_sqlite_the_migrations_run_and_the_searches_answer(tmp_path):
    # make run uses SQLite: the trigram migrations must be no-ops there, and the same lookups
    # must still answer (by scanning): the staff's case search, and the public register's own
    # SQL (public.register) with its dates read back as dates.
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'portal.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "iop_portal.settings",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v", "0"], check=True, env=env, cwd=ROOT)
    result = subprocess.run(
        [*manage, "shell", "-c", SQLITE_CHECKS], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().endswith("ok")


SQLITE_CHECKS = """
import datetime
from django.test import Client
from django.urls import reverse
from tests import factories
from tests.factories_public import partnerships_bulk
from initiatives import search
from initiatives.models import Initiative

town = factories.Town.create()
case = town.submitted(title='Läxhjälp i Husby')
found = lambda q: list(search.case_search(Initiative.objects.all(), q)[0])
assert found('läxhjälp') == [case]
assert found(case.diarienummer) == [case]
assert found(town.org.org_number.replace('-', '')) == [case]

partnerships_bulk(3, forvaltningar=[town.sof], created_by=town.handlaggare, start=700000)
client = Client(HTTP_HOST='127.0.0.1')
page = client.get(reverse('public:register'), {'q': 'förening 700001'}).content.decode()
assert 'Partnerskap 700001' in page and 'Partnerskap 700002' not in page, page
page = client.get(reverse('public:register'), {'q': town.sof.name, 'state': 'ended'})
assert '>1 partnerskap' in page.content.decode()
assert 'BULK 700002' in client.get(reverse('public:register_csv')).content.decode('utf-8-sig')
rows = client.get(reverse('public:register_json')).json()['results']
assert len(rows) == 3 and datetime.date.fromisoformat(rows[0]['term_start'])
assert b'Partnerskap 700002' in client.get(reverse('public:register_feed')).content
assert client.get(reverse('public:register_dcat')).status_code == 200
print('ok')
"""
