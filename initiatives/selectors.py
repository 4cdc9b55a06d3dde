"""Reads of cases that pages share, scoped by the permission policy."""

import calendar
import datetime

from django.db.models import (
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce, Greatest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from organisations.models import Organisation

from . import extensions, permissions
from .models import (
    OPEN_STATUSES,
    Attachment,
    CaseMessage,
    Initiative,
    Status,
    StatusChange,
    WatchDate,
)
from .todo import staff_todo


def initiative_list(*, user) -> QuerySet[Initiative]:
    return permissions.initiatives_visible(user).select_related(
        "organisation", "forvaltning", "handlaggare"
    )


def case_for(*, user, pk, submitted: bool = False) -> Initiative:
    """The case `pk` if `user` may see it (and, with `submitted`, it is no longer a draft);
    else Http404, the same answer as for a case that does not exist.

    The one way the portal's pages fetch a case; the admin's own pages ask their ModelAdmin's
    scope instead (core.admin's get_scoped_object), which is the same policy.
    """
    cases = initiative_list(user=user)
    if submitted:
        cases = cases.exclude(status=Status.DRAFT)
    return get_object_or_404(cases, pk=pk)


def initiative_detail(*, user) -> QuerySet[Initiative]:
    """Cases the user may open, with what the case page shows already joined."""
    return initiative_list(user=user).prefetch_related("status_changes__changed_by")


def attachments_visible(*, user) -> QuerySet[Attachment]:
    """The files of every case `user` may see."""
    return Attachment.objects.filter(initiative__in=permissions.initiatives_visible(user))


def organisation_has_registered_cases(organisation: Organisation) -> bool:
    """Whether a registered case is the organisation's (organisations.cases asks)."""
    return organisation.initiatives.registered().exists()


# --- The förvaltning's queue ------------------------------------------------------------------

# A case with no activity for this many days is listed as idle on the staff start page.
IDLE_DAYS = 30


def case_queue(*, user) -> QuerySet[Initiative]:
    """The cases staff may see, with what the queue shows computed in the same query.

    `last_activity`: the later of the last status change and the case's last update. The next
    date is the stored `next_due` (see initiatives.next_due).
    """
    last_status_change = Subquery(
        StatusChange.objects.filter(initiative=OuterRef("pk"))
        .order_by("-changed_at")
        .values("changed_at")[:1]
    )
    return initiative_list(user=user).annotate(
        last_activity=Greatest(F("updated_at"), Coalesce(last_status_change, F("updated_at"))),
    )


def due_filter(period: str, today: datetime.date) -> Q:
    """Cases whose next open date (`next_due`) is overdue, or falls this week or month."""
    if period == "overdue":
        return Q(next_due__lt=today)
    if period == "week":
        end = today + datetime.timedelta(days=6 - today.weekday())
    elif period == "month":
        end = today.replace(day=calendar.monthrange(today.year, today.month)[1])
    else:
        raise ValueError(period)
    return Q(next_due__range=(today, end))


def _queue_scope(user) -> Q:
    return permissions.staff_scope(user, "initiative")


def dates_due(*, user, until: datetime.date, today: datetime.date | None = None, limit: int = 50):
    """Open dates on the user's cases up to `until` (overdue bevakningar included), soonest first.

    Return a list of DueRows: the case's bevakningar and what later stages register in
    extensions.dates_due_sources (report dates, the end of the term).
    """
    today = today or timezone.localdate()
    case_related = ("initiative__organisation", "initiative__handlaggare")
    watches = (
        WatchDate.objects.filter(_queue_scope(user), done_at__isnull=True, due_date__lte=until)
        .exclude(initiative__status=Status.DRAFT)
        .select_related(*case_related, "responsible")
        .order_by("due_date", "pk")[:limit]
    )
    rows = [
        extensions.DueRow(
            date=w.due_date,
            what=w.what,
            kind=_("Bevakning"),
            case=w.initiative,
            responsible=w.responsible,
            watch=w,
        )
        for w in watches
    ]
    for source in extensions.dates_due_sources:
        rows += source(user=user, today=today, until=until, limit=limit)
    for row in rows:
        row.overdue = row.date < today
    rows.sort(key=lambda row: (row.date, row.case.pk))
    return rows[:limit]


def staff_start_page(*, user, today: datetime.date | None = None, limit: int = 20) -> dict:
    """What a handläggare's start page lists: their cases, cases waiting, dates, idle cases."""
    today = today or timezone.localdate()
    queue = case_queue(user=user)
    open_cases = queue.filter(status__in=OPEN_STATUSES)
    idle_since = timezone.now() - datetime.timedelta(days=IDLE_DAYS)
    week_end = today + datetime.timedelta(days=6 - today.weekday())
    return {
        "mine": list(
            open_cases.filter(handlaggare_id=user.pk).order_by(
                F("next_due").asc(nulls_last=True), "-submitted_at", "-pk"
            )[:limit]
        ),
        "waiting": list(
            queue.filter(status=Status.SUBMITTED, handlaggare__isnull=True).order_by(
                "submitted_at", "pk"
            )[:limit]
        ),
        "dates": dates_due(user=user, until=week_end, today=today, limit=limit),
        "todo": staff_todo(user=user, limit=limit),
        "idle": list(
            # Longest idle first, by updated_at, which every status change also sets: the same
            # order as by last_activity, read from the index in order rather than working out
            # last_activity for every open case to sort them (150 ms at 100 000 cases).
            open_cases.filter(updated_at__lt=idle_since, last_activity__lt=idle_since).order_by(
                "updated_at", "pk"
            )[:limit]
        ),
        "today": today,
        "week_end": week_end,
        "idle_days": IDLE_DAYS,
    }


# --- The organisation's cases, messages and files --------------------------------------------


def my_cases(*, user, query: str = "", organisations=None) -> QuerySet[Initiative]:
    """The user's cases, each with the next dates that matter to them, which later stages add
    (extensions.my_case_annotations: a report due, the end of the term).

    `organisations`, those the user represents when the caller has read them already, are
    named in the statement by their ids: joined through the memberships alone, the planner
    cannot tell that a member's organisations hold a handful of the cases, and it walked every
    case in date order to find them (89 ms at 100 000 cases, against 1 ms).
    """
    cases = initiative_list(user=user)
    if organisations is not None and not user.is_staff:
        cases = cases.filter(organisation_id__in=[o.pk for o in organisations])
    for annotations in extensions.my_case_annotations:
        cases = cases.annotate(**annotations())
    if query:
        cases = cases.filter(
            Q(title__icontains=query)
            | Q(diarienummer__icontains=query)
            | Q(organisation__name__icontains=query)
        )
    return cases


def case_messages(*, initiative: Initiative) -> QuerySet[CaseMessage]:
    return (
        CaseMessage.objects.filter(initiative=initiative)
        .select_related("author")
        .prefetch_related("attachments")
    )


def attachments_of(*, initiative: Initiative) -> QuerySet[Attachment]:
    return Attachment.objects.filter(initiative=initiative)
