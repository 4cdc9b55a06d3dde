"""The case timeline: one day's events by their moment, then in the lifecycle's stage order."""

import datetime
from types import SimpleNamespace

import pytest

from initiatives import extensions, timeline
from initiatives.models import Status
from initiatives.timeline import Event

DAY = datetime.date(2027, 3, 4)


def at(hour):
    return datetime.datetime(2027, 3, 4, hour, tzinfo=datetime.UTC)


def status(to, hour):
    return Event(DAY, "status", f"status {to}", at=at(hour), status=to)


@pytest.fixture
def sources(monkeypatch):
    """Replace the case's and the stages' sources with lists of events given by the test."""

    def use(*lists):
        monkeypatch.setattr(timeline, "CASE_SOURCES", [lambda _i, e=e: e for e in lists[:1]])
        monkeypatch.setattr(extensions, "timeline_sources", [lambda _i, e=e: e for e in lists[1:]])
        return [e.text for e in timeline.case_timeline(initiative=SimpleNamespace(status="x"))]

    return use


def test_same_day_moments_are_in_time_order_whatever_order_the_sources_give(sources):
    later, earlier = status(Status.ASSESSMENT, 14), status(Status.SUBMITTED, 9)
    assert sources([later, earlier]) == ["status submitted", "status assessment"]


def test_a_moment_decides_over_the_stage_order(sources):
    # Sent back the same day: the later status change comes later though its stage is earlier.
    back = status(Status.AGREEMENT, 15)
    assert sources([back, status(Status.DECISION, 10)]) == ["status decision", "status agreement"]


def test_events_known_by_their_date_only_take_their_stages_place(sources):
    agreement = Event(DAY, "agreement", "avtal upprättat")
    decision = Event(DAY, "decision", "nämnden beslutade")
    texts = sources(
        [status(Status.SIGNING, 16), status(Status.DECISION, 8), status(Status.AGREEMENT, 7)],
        [decision],
        [agreement],
    )
    assert texts == [
        "status agreement",
        "avtal upprättat",
        "status decision",
        "nämnden beslutade",
        "status signing",
    ]


def test_days_stay_in_date_order_and_what_is_due_comes_last(sources):
    due = Event(DAY, "report_due", "rapport ska lämnas", upcoming=True)
    before = Event(DAY - datetime.timedelta(days=1), "dialogue", "dialogmöte")
    texts = sources([due, status(Status.ACTIVE, 12)], [before])
    assert texts == ["dialogmöte", "status active", "rapport ska lämnas"]


def test_the_same_events_always_give_the_same_order(sources):
    a = Event(DAY, "unknown_kind", "a")
    b = Event(DAY, "unknown_kind", "b")
    assert sources([a, b]) == ["a", "b"] == sources([a, b])
