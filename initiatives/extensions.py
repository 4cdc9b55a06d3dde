"""Hooks the case layer owns, through which later stages add to it without being imported.

A stage registers its parts in its AppConfig.ready(). Apps are ready in INSTALLED_APPS order,
which is the lifecycle's, so each list holds the stages' parts in the order a case meets them.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Expression

if TYPE_CHECKING:
    from django.http import HttpResponse
    from django.urls import URLPattern

    from accounts.models import User

    from .models import Initiative
    from .timeline import Event


# --- The queue's next date --------------------------------------------------------------------

# Each source is called with today's date and returns query expressions, evaluated on a case row
# (subqueries reach the case through OuterRef("pk")), each giving one open date the stage has for
# the case, or NULL. The case's next date is the earliest of these and its open bevakningar.
next_due_sources: list[Callable[[datetime.date], Iterable[Expression]]] = []

# The statuses a source's dates depend on: a transition into or out of one of these refreshes
# the case's next date; any other transition leaves it as it is (and costs no query).
next_due_statuses: set[str] = set()


# --- The admin case page ----------------------------------------------------------------------


def _no_urls(case_admin) -> list[URLPattern]:
    return []


@dataclass(frozen=True)
class CasePagePart:
    """A later stage's share of the admin case page ("Ärendets nästa steg").

    `context(request=, case=, handles=)` returns what the part's template needs, or None when the
    part has nothing to show; the template gets it as `part` (and the case as `original`).
    `urls(case_admin)` returns the part's own pages on the case admin, which offers `wrap`,
    `get_scoped_object` and `case_form_view` to them. `actions` are the part's posted buttons
    (`…/<pk>/handling/<name>/`): each takes (request=, case=) and returns the response; a
    ValidationError it raises is shown on the case page.
    """

    template: str
    context: Callable[..., Mapping[str, Any] | None]
    urls: Callable[[Any], list[URLPattern]] = _no_urls
    actions: Mapping[str, Callable[..., HttpResponse]] = field(default_factory=dict)


case_page_parts: list[CasePagePart] = []


def case_page_action(name: str) -> Callable[..., HttpResponse] | None:
    """The registered posted action of that name, if a stage offers one."""
    for part in case_page_parts:
        if name in part.actions:
            return part.actions[name]
    return None


# --- The case timeline ------------------------------------------------------------------------

# Each source reads its stage's rows for one case in a fixed number of queries and yields Events.
timeline_sources: list[Callable[[Initiative], Iterable[Event]]] = []


# --- The organisation's case page and its list of cases ----------------------------------------


@dataclass(frozen=True)
class CaseDetailPart:
    """A later stage's section on the organisation's own case page.

    `context(request=, case=, member=)` returns what the template needs (as `part`), or None.
    `placement` is where it goes: "after_timeline" or "after_initiative".
    """

    template: str
    context: Callable[..., Mapping[str, Any] | None]
    placement: str = "after_timeline"


case_detail_parts: list[CaseDetailPart] = []

# Annotations on the organisation's list of cases ("Mina ärenden"): each returns a mapping of
# annotation name to expression over the case row, which the list's template reads.
my_case_annotations: list[Callable[[], Mapping[str, Expression]]] = []


# --- The staff start page's dates -------------------------------------------------------------


@dataclass
class DueRow:
    """One open date on a case for the staff start page."""

    date: datetime.date
    what: str
    kind: str
    case: Initiative
    responsible: User | None = None
    watch: Any = None
    overdue: bool = False


# Each source is called with (user=, today=, until=, limit=) and returns up to `limit` DueRows of
# the stage's open dates on the user's cases up to `until`, soonest first.
dates_due_sources: list[Callable[..., Iterable[DueRow]]] = []


# --- Signing the agreement ----------------------------------------------------------------------

# Each source is called with (initiative=, today=) and returns a warning to show on the
# agreement's signing page (e.g. the decision is not yet final), or None.
signing_notices: list[Callable[..., str | None]] = []

# --- The staff start page's "to do": what the organisation sent and waits for an answer on ----


@dataclass
class TodoRow:
    """Something the organisation sent on a case the user handles, not yet answered."""

    when: datetime.datetime
    what: str
    case: Initiative
    url: str


# Each source is called with (user=, limit=) and returns up to `limit` TodoRows, newest first.
staff_todo_sources: list[Callable[..., Iterable[TodoRow]]] = []
