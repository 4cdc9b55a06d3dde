"""Twenty organisations submitting at the same moment get twenty distinct diarienummer."""

import threading

import pytest
from django.db import connection

from initiatives import services
from initiatives.models import DiaryCounter, Initiative

from .. import factories

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
                initiative=draft, by=town.member
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


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_firmatecknare_removing_each_other_at_once_leave_one():
    """Each sees two firmatecknare; without the organisation lock both removals would pass."""
    from organisations import member_services
    from organisations.models import Membership

    town = factories.Town.create()
    second = factories.user("andra")
    invitation = member_services.member_invite(
        organisation=town.org,
        by=town.member,
        email=second.email,
        role=Membership.Role.FIRMATECKNARE,
    )
    member_services.invitation_accept(token=invitation.token, by=second)
    current = Membership.objects.current().filter(organisation=town.org)
    pairs = [(town.member, current.get(user=second)), (second, current.get(user=town.member))]
    barrier = threading.Barrier(2)
    outcomes = []

    def remove(by, membership):
        try:
            barrier.wait(timeout=30)
            member_services.member_remove(membership=membership, by=by)
            outcomes.append("removed")
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            outcomes.append(getattr(error, "code", repr(error)))
        finally:
            connection.close()

    threads = [threading.Thread(target=remove, args=pair) for pair in pairs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)

    # The second to get the lock either finds itself removed (no longer allowed) or is told
    # that the last firmatecknare stays; either way exactly one remains.
    assert outcomes.count("removed") == 1, outcomes
    [refused] = [o for o in outcomes if o != "removed"]
    assert refused in ("PermissionDenied()", "last_firmatecknare"), outcomes
    assert current.filter(role=Membership.Role.FIRMATECKNARE).count() == 1
