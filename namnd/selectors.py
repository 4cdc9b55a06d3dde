"""Reads of the nämnd's meetings that pages share: a meeting's list, a case's §§ and the
decision's final date, the public anslagstavla."""

import datetime

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from initiatives.models import Initiative

from . import appeal
from .models import Anslag, Paragraf, Sammantrade


def meeting_agenda(*, meeting: Sammantrade) -> QuerySet[Paragraf]:
    """The föredragningslista in the secretary's order, with each case."""
    return meeting.paragrafer.select_related("initiative__organisation").order_by("order", "pk")


def anslag_for_paragraf(paragraf: Paragraf) -> Anslag | None:
    """The notice that starts the §'s appeal window: its own when justerad omedelbart, else the
    protokoll's."""
    return (
        Anslag.objects.filter(
            Q(paragraf=paragraf) | Q(sammantrade_id=paragraf.sammantrade_id, paragraf__isnull=True)
        )
        .order_by("posted_on")
        .first()
    )


def case_paragrafer(*, initiative: Initiative) -> list[Paragraf]:
    """The case's §§ with their meeting and notices (two queries)."""
    return list(
        Paragraf.objects.filter(initiative=initiative)
        .select_related("sammantrade__namnd")
        .prefetch_related(
            Prefetch("sammantrade__anslag", queryset=Anslag.objects.order_by("posted_on"))
        )
        .order_by("sammantrade__date", "pk")
    )


def paragraf_posted_on(paragraf: Paragraf) -> datetime.date | None:
    """The anslag date of a § from case_paragrafer's prefetched notices."""
    dates = [
        a.posted_on
        for a in paragraf.sammantrade.anslag.all()
        if a.paragraf_id in (None, paragraf.pk)
    ]
    return min(dates) if dates else None


def decision_final_date(*, initiative: Initiative) -> datetime.date | None:
    """The day the case's latest decided § can be considered final (laga kraft): the day after
    three weeks from its anslag; None before it is posted."""
    decided = [p for p in case_paragrafer(initiative=initiative) if p.decision_id]
    if not decided:
        return None
    posted_on = paragraf_posted_on(decided[-1])
    return appeal.final_date(posted_on) if posted_on else None


def anslagstavla(*, today: datetime.date | None = None) -> QuerySet[Anslag]:
    """The notices on the public anslagstavla today: posted, and not yet taken down."""
    today = today or timezone.localdate()
    return (
        Anslag.objects.filter(posted_on__lte=today, taken_down_on__gt=today)
        .select_related("sammantrade__namnd", "paragraf")
        .order_by("-posted_on", "-pk")
    )
