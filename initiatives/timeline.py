"""A case's timeline: what has happened on it, and what is still due, for the organisation."""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.models import Agreement, ReportDate
from decisions.models import Decision
from term.models import Evaluation

from .models import DialogueMeeting, DiaryEntry, Initiative, Status, StatusChange


@dataclass(frozen=True)
class Event:
    """One thing that happened (or is due) on a case."""

    date: datetime.date
    kind: str
    text: str
    upcoming: bool = False


def _local_date(value) -> datetime.date:
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
    }
    for change in StatusChange.objects.filter(initiative=initiative):
        text = texts.get(change.to_status, change.get_to_status_display())
        yield Event(_local_date(change.changed_at), "status", text)


def _diary_events(initiative: Initiative) -> Iterable[Event]:
    # The initiative's own entry is the "received" status change above.
    entries = DiaryEntry.objects.filter(initiative=initiative).exclude(
        received_at=initiative.submitted_at
    )
    for entry in entries:
        yield Event(
            _local_date(entry.received_at),
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


def _decision_events(initiative: Initiative) -> Iterable[Event]:
    for decision in Decision.objects.filter(initiative=initiative).select_related("namnd"):
        yield Event(
            decision.meeting_date,
            "decision",
            _("%(namnd)s beslutade: %(outcome)s (§ %(paragraph)s)")
            % {
                "namnd": decision.namnd.name,
                "outcome": decision.get_outcome_display(),
                "paragraph": decision.paragraph,
            },
        )


def _agreement_events(initiative: Initiative) -> Iterable[Event]:
    today = timezone.localdate()
    report_dates = list(
        ReportDate.objects.filter(agreement__initiative=initiative).select_related(
            "agreement", "follow_up_report"
        )
    )
    agreement = (
        report_dates[0].agreement
        if report_dates
        else Agreement.objects.filter(initiative=initiative).first()
    )
    if agreement is None:
        return
    yield Event(
        _local_date(agreement.created_at), "agreement", _("Förvaltningen upprättade ett avtal")
    )
    for report_date in report_dates:
        report = getattr(report_date, "follow_up_report", None)
        if report is not None:
            yield Event(
                _local_date(report.submitted_at),
                "report",
                _("%(description)s inskickad") % {"description": report_date.description},
            )
        else:
            yield Event(
                report_date.due_date,
                "report_due",
                _("%(description)s ska lämnas") % {"description": report_date.description},
                upcoming=report_date.due_date >= today,
            )
    yield Event(
        agreement.term_end,
        "term_end",
        _("Avtalsperioden slutar"),
        upcoming=agreement.term_end >= today,
    )


def _evaluation_events(initiative: Initiative) -> Iterable[Event]:
    for evaluation in Evaluation.objects.filter(initiative=initiative):
        yield Event(
            _local_date(evaluation.evaluated_at),
            "evaluation",
            _("Partnerskapet utvärderades: %(outcome)s")
            % {"outcome": evaluation.get_outcome_display()},
        )


# Each source reads one model in a fixed number of queries and yields Events. A new kind of
# event is one more function here.
TIMELINE_SOURCES: list[Callable[[Initiative], Iterable[Event]]] = [
    _status_events,
    _diary_events,
    _dialogue_events,
    _decision_events,
    _agreement_events,
    _evaluation_events,
]


def case_timeline(*, initiative: Initiative) -> list[Event]:
    """What has happened on the case, oldest first, with what is still due at the end."""
    if initiative.status == Status.DRAFT:
        return []
    events = [event for source in TIMELINE_SOURCES for event in source(initiative)]
    return sorted(events, key=lambda e: (e.date, e.upcoming))
