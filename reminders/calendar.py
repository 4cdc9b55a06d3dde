"""A handläggare's dates as an iCalendar (RFC 5545) feed."""

import datetime

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .selectors import handlaggare_dates

LOOK_BACK_DAYS = 90
LOOK_AHEAD_DAYS = 550


def calendar_ics(*, user, today: datetime.date | None = None) -> bytes:
    """The open dates of `user`'s cases, one all-day event each, linked to the case page."""
    today = today or timezone.localdate()
    base = settings.IOP_PORTAL_URL.rstrip("/")
    host = base.split("//", 1)[-1].split("/", 1)[0] or "iop"
    cal = icalendar.Calendar()
    cal.add("prodid", "-//IOP-portalen//Kalender//SV")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", _("IOP-portalen: mina datum"))
    stamp = timezone.now()
    rows = handlaggare_dates(
        user=user,
        since=today - datetime.timedelta(days=LOOK_BACK_DAYS),
        until=today + datetime.timedelta(days=LOOK_AHEAD_DAYS),
        today=today,
    )
    for row in rows:
        case = row.initiative
        url = base + reverse("admin:initiatives_initiative_change", args=[case.pk])
        event = icalendar.Event()
        event.add("uid", f"{row.uid}-{row.date.isoformat()}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", row.date)
        event.add("dtend", row.date + datetime.timedelta(days=1))
        event.add("summary", f"{row.kind}: {row.what} ({case.diarienummer})")
        event.add("description", f"{case.title}\n{case.organisation.name}\n{url}")
        event.add("url", url)
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()
