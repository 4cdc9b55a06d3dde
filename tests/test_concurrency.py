"""Twenty organisations submitting at the same moment get twenty distinct diarienummer."""

import threading

import pytest
from django.db import connection

from initiatives import services
from initiatives.models import DiaryCounter, Initiative

from . import factories

N = 20


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_submissions_get_distinct_consecutive_numbers():
    town = factories.Town.create()
    drafts = [town.draft(title=f"Initiativ {i}") for i in range(N)]
    barrier = threading.Barrier(N)
    results, errors = {}, []

    def submit(draft):
        try:
            barrier.wait(timeout=30)
            results[draft.pk] = services.initiative_submit(
                initiative=draft, user=town.member
            ).diarienummer
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(d,)) for d in drafts]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)

    assert errors == []
    numbers = sorted(results.values())
    assert len(set(numbers)) == N
    year = Initiative.objects.first().submitted_at.year
    assert numbers == [f"SOF {year}-{n:04d}" for n in range(1, N + 1)]
    assert DiaryCounter.objects.get(forvaltning=town.sof, year=year).last_number == N
