"""The weekly digest: each handläggare's due and overdue dates, once per week."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from core.notifications import send_on_commit

from .models import DigestSent
from .selectors import handlaggare_dates

LOOK_BACK_DAYS = 60  # how far back an overdue date is still listed
LOOK_AHEAD_DAYS = 14
CASE_PAGE = "admin:initiatives_initiative_change"


def digests_send(*, today: datetime.date | None = None) -> int:
    """Queue this week's digest for every handläggare with something due or overdue who has
    not had it this week; return how many were queued. The claim (DigestSent) and the mail
    commit together, so a second run, also at the same time, sends none again."""
    today = today or timezone.localdate()
    week = today - datetime.timedelta(days=today.weekday())
    users = (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True, handled_initiatives__isnull=False)
        .exclude(email="")
        .exclude(pk__in=DigestSent.objects.filter(week=week).values("user_id"))
        .distinct()
        .order_by("pk")
    )
    sent = 0
    for user in users:
        sent += digest_send(user=user, week=week, today=today)
    return sent


def digest_send(*, user, week: datetime.date, today: datetime.date) -> int:
    """Queue `user`'s digest for `week` unless it went already or there is nothing to tell."""
    with transaction.atomic():
        rows = handlaggare_dates(
            user=user,
            since=today - datetime.timedelta(days=LOOK_BACK_DAYS),
            until=today + datetime.timedelta(days=LOOK_AHEAD_DAYS),
            today=today,
        )
        if not rows or not _claim(user, week):
            return 0
        base = settings.IOP_PORTAL_URL.rstrip("/")
        items = [
            {
                "date": r.date,
                "kind": str(r.kind),
                "what": str(r.what),
                "overdue": r.overdue,
                "diarienummer": r.initiative.diarienummer,
                "title": r.initiative.title,
                "url": base
                + reverse("admin:initiatives_initiative_change", args=[r.initiative.pk]),
            }
            for r in rows
        ]
        send_on_commit(
            template="weekly_digest",
            context={
                "name": user.get_full_name() or user.username,
                "week": week,
                "overdue": [i for i in items if i["overdue"]],
                "due": [i for i in items if not i["overdue"]],
                "start_url": base + reverse("admin:initiatives_initiative_start"),
            },
            to=[user.email],
        )
        return 1


def _claim(user, week) -> bool:
    """Insert the week's claim; False if another run has it."""
    table = connection.ops.quote_name(DigestSent._meta.db_table)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (user_id, week, sent_at) VALUES (%s, %s, %s) "  # noqa: S608
            "ON CONFLICT DO NOTHING RETURNING id",
            [user.pk, connection.ops.adapt_datefield_value(week), now],
        )
        return cursor.fetchone() is not None
