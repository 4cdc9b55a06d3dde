"""The weekly digest (once a week per handläggare) and the private calendar feed (RFC 5545)."""

import datetime

import icalendar
import pytest
from django.urls import reverse

from core.models import OutboxMail
from initiatives.models import WatchDate
from reminders import digest, services
from reminders.models import CalendarToken

pytestmark = pytest.mark.django_db
MONDAY = datetime.date(2027, 6, 28)  # the first report date, 2027-07-02, is this week


def test_the_digest_lists_due_and_overdue_with_links_once_a_week(town):
    case = town.active()
    WatchDate.objects.create(
        initiative=case,
        due_date=MONDAY - datetime.timedelta(days=3),
        what="Ring ordföranden",
        created_by=town.handlaggare,
    )
    assert digest.digests_send(today=MONDAY) == 1
    mail = OutboxMail.objects.get(template="weekly_digest")
    assert mail.recipients == [town.handlaggare.email]
    assert "Försenat" in mail.body and "Ring ordföranden" in mail.body
    assert "2027-07-02" in mail.body
    assert f"/admin/initiatives/initiative/{case.pk}/change/" in mail.body
    # Twice the same week (another day, or a second beat): nothing more; next week again.
    assert digest.digests_send(today=MONDAY) == 0
    assert digest.digests_send(today=MONDAY + datetime.timedelta(days=4)) == 0
    assert OutboxMail.objects.filter(template="weekly_digest").count() == 1
    assert digest.digests_send(today=MONDAY + datetime.timedelta(days=7)) == 1


def test_nothing_due_no_digest(town):
    town.active()
    assert digest.digests_send(today=datetime.date(2027, 3, 1)) == 0


def test_the_calendar_parses_back_and_a_new_link_ends_the_old(client, town):
    case = town.active()
    WatchDate.objects.create(
        initiative=case,
        due_date=datetime.date(2027, 1, 15),
        what="Följ upp; möte, kl. 10",
        created_by=town.handlaggare,
    )
    token = services.calendar_token_for(user=town.handlaggare).token
    url = reverse("reminders:calendar", args=[token])
    response = client.get(url, HTTP_HOST="testserver")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(response.content)
    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    events = cal.walk("VEVENT")
    starts = sorted(e.decoded("DTSTART") for e in events)
    assert datetime.date(2027, 1, 15) in starts and datetime.date(2027, 7, 2) in starts
    watch = next(e for e in events if e.decoded("DTSTART") == datetime.date(2027, 1, 15))
    assert str(watch["SUMMARY"]).startswith("Bevakning: Följ upp; möte, kl. 10")
    assert all(e["UID"] and e["DTSTAMP"] for e in events)
    assert len({str(e["UID"]) for e in events}) == len(events)
    assert f"/admin/initiatives/initiative/{case.pk}/change/" in str(watch["URL"])
    # Lines end in CRLF and none is longer than 75 octets (RFC 5545 3.1).
    lines = response.content.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75

    client.force_login(town.handlaggare)
    start = client.get(reverse("admin:initiatives_initiative_start")).content.decode()
    assert url in start
    assert client.post(reverse("reminders:calendar_reset")).status_code == 302
    client.logout()
    assert client.get(url).status_code == 404
    new = CalendarToken.objects.get(user=town.handlaggare).token
    assert new != token and client.get(reverse("reminders:calendar", args=[new])).status_code == 200


def test_a_wrong_token_or_a_former_staff_members_is_404(client, town):
    assert client.get(reverse("reminders:calendar", args=["gissat"])).status_code == 404
    token = services.calendar_token_for(user=town.handlaggare).token
    town.handlaggare.is_active = False
    town.handlaggare.save()
    assert client.get(reverse("reminders:calendar", args=[token])).status_code == 404


def test_the_reset_is_for_staff_and_post_only(client, town):
    url = reverse("reminders:calendar_reset")
    client.force_login(town.member)
    assert client.post(url).status_code == 302  # to the admin's login
    assert not CalendarToken.objects.exists()
    client.force_login(town.handlaggare)
    assert client.get(url).status_code == 405
