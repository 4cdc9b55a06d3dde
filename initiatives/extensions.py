"""Hooks the case layer owns, through which later stages add to it without being imported."""

import datetime
from collections.abc import Callable, Iterable

from django.db.models import Expression

# Each source is called with today's date and returns query expressions, evaluated on a case row
# (subqueries reach the case through OuterRef("pk")), each giving one open date the stage has for
# the case, or NULL. The case's next date is the earliest of these and its open bevakningar.
# Stages append to the list in their AppConfig.ready().
next_due_sources: list[Callable[[datetime.date], Iterable[Expression]]] = []

# The statuses a source's dates depend on: a transition into or out of one of these refreshes
# the case's next date; any other transition leaves it as it is (and costs no query).
next_due_statuses: set[str] = set()
