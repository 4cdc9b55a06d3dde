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
        yield Event(local_date(change.changed_at), "status", text)


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
    return sorted(events, key=lambda e: (e.date, e.upcoming))
