"""A case's timeline: what has happened on it, and what is still due, for the organisation."""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from . import extensions
from .models import DialogueMeeting, DiaryEntry, Initiative, Status, StatusChange


@dataclass(frozen=True)
class Event:
    """One thing that happened (or is due) on a case."""

    date: datetime.date
    kind: str
    text: str
    upcoming: bool = False
    # The moment, where the source knows it (a status change, a registration); events known
    # only by their date are placed among the day's by their stage (STAGE_ORDER).
    at: datetime.datetime | None = None
    # For a status event: the status it reached, which gives its place in STAGE_ORDER.
    status: str = ""


# The lifecycle's order of what can happen on one day, for events that share a date.
STAGE_ORDER = [
    "status:" + Status.SUBMITTED,
    "document",
    "status:" + Status.ASSESSMENT,
    "dialogue",
    "status:" + Status.AGREEMENT,
    "agreement",
    "status:" + Status.DECISION,
    "decision",
    "status:" + Status.SIGNING,
    "status:" + Status.ACTIVE,
    "report",
    "report_due",
    "term_end",
    "evaluation",
    "status:" + Status.CLOSED,
    "status:" + Status.DECLINED,
]
_STAGE_RANK = {name: rank for rank, name in enumerate(STAGE_ORDER)}


def stage_rank(event: Event) -> int:
    """The event's place in the lifecycle; a kind nobody listed comes after the known ones."""
    name = f"status:{event.status}" if event.kind == "status" else event.kind
    return _STAGE_RANK.get(name, len(STAGE_ORDER))


def local_date(value) -> datetime.date:
    return timezone.localdate(value) if isinstance(value, datetime.datetime) else value


def _status_events(initiative: Initiative) -> Iterable[Event]:
    texts = {
        Status.SUBMITTED: _("Initiativet kom in och registrerades"),
        Status.ASSESSMENT: _("Förvaltningen började bedöma initiativet"),
        Status.AGREEMENT: _("Förvaltningen tar fram ett avtal"),
        Status.DECISION: _("Avtalet lämnades till nämnden för beslut"),
        Status.SIGNING: _("Nämnden godkände avtalet; det ska undertecknas"),
        Status.ACTIVE: _("Partnerskapet började gälla"),
        Status.CLOSED: _("Partnerskapet är avslutat och utvärderat"),
        Status.DECLINED: _("Ärendet avslutades utan partnerskap"),
        Status.TERMINATED: _("Avtalet sades upp före avtalstidens slut"),
    }
    for change in StatusChange.objects.filter(initiative=initiative):
        text = texts.get(change.to_status, change.get_to_status_display())
        yield Event(
            local_date(change.changed_at),
            "status",
            text,
            at=change.changed_at,
            status=change.to_status,
        )


def _diary_events(initiative: Initiative) -> Iterable[Event]:
    # The initiative's own entry is the "received" status change above.
    entries = DiaryEntry.objects.filter(initiative=initiative).exclude(
        received_at=initiative.submitted_at
    )
    for entry in entries:
        yield Event(
            local_date(entry.received_at),
            "document",
            _("Handling registrerad: %(subject)s") % {"subject": entry.subject},
            at=entry.received_at,
        )


def _dialogue_events(initiative: Initiative) -> Iterable[Event]:
    for meeting in DialogueMeeting.objects.filter(initiative=initiative):
        yield Event(
            meeting.held_on,
            "dialogue",
            _("Dialogmöte mellan förvaltningen och organisationen"),
        )


# The case's own sources; later stages add theirs to extensions.timeline_sources. Each reads
# one model in a fixed number of queries and yields Events.
CASE_SOURCES: list[Callable[[Initiative], Iterable[Event]]] = [
    _status_events,
    _diary_events,
    _dialogue_events,
]


def case_timeline(*, initiative: Initiative) -> list[Event]:
    """What has happened on the case, oldest first, with what is still due at the end."""
    if initiative.status == Status.DRAFT:
        return []
    sources = [*CASE_SOURCES, *extensions.timeline_sources]
    events = [event for source in sources for event in source(initiative)]
    days: dict[tuple, list[Event]] = {}
    for event in events:
        days.setdefault((event.date, event.upcoming), []).append(event)
    return [event for day in sorted(days) for event in _order_day(days[day])]


def _order_day(events: list[Event]) -> list[Event]:
    """One day's events: those with a moment by it (then by stage), and those known only by
    their date merged in by their stage, so the same data always gives the same order."""
    timed = sorted((e for e in events if e.at), key=lambda e: (e.at, stage_rank(e)))
    dated = sorted((e for e in events if not e.at), key=stage_rank)  # stable: source order
    ordered = []
    while timed and dated:
        if stage_rank(dated[0]) < stage_rank(timed[0]):
            ordered.append(dated.pop(0))
        else:
            ordered.append(timed.pop(0))
    return ordered + timed + dated
