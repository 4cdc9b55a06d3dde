"""The staff pages of a meeting and a §, the case page's part, the signing notice and the public
anslagstavla, with their query budgets."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from namnd import appeal, justering_services, services
from namnd.models import Anslag

from . import support

pytestmark = pytest.mark.django_db


def _justerat_and_posted(town):
    meeting = support.meeting(town, date=timezone.localdate())
    support.members(meeting, town.secretary)
    paragraf = support.decided(town, meeting)
    support.justerat(town, meeting)
    anslag = justering_services.anslag_publish(
        meeting=meeting, by=town.secretary, kept_at="Stadshuset, nämndens kansli"
    )
    return meeting, paragraf, anslag


def test_the_anslagstavla_is_empty_at_first(client):
    page = client.get(reverse("public:anslagstavla")).content.decode()
    assert "Inga protokoll är anslagna just nu." in page


def test_the_anslagstavla_shows_what_the_law_asks(client, town):
    meeting, _paragraf, anslag = _justerat_and_posted(town)
    page = client.get(reverse("public:anslagstavla")).content.decode()
    today = f"{timezone.localdate():%Y-%m-%d}"
    assert "Protokoll från Socialnämnden, sammanträde " + today in page
    for text in (
        "Justeringsdatum",
        f"{anslag.taken_down_on:%Y-%m-%d}",
        f"{appeal.appeal_last_day(anslag.posted_on):%Y-%m-%d}",
        "Stadshuset, nämndens kansli",
    ):
        assert text in page
    # Taken down: the notice disappears.
    Anslag.objects.filter(pk=anslag.pk).update(
        posted_on=datetime.date(2026, 1, 5), taken_down_on=datetime.date(2026, 1, 27)
    )
    page = client.get(reverse("public:anslagstavla")).content.decode()
    assert f'id="anslag-{anslag.pk}"' not in page


def _notices(town, n):
    today = timezone.localdate()
    for i in range(n):
        meeting = services.meeting_create(
            by=town.secretary,
            namnd=town.sof.namnd,
            date=today - datetime.timedelta(days=i + 1),
            time=datetime.time(13),
            place="Stadshuset",
        )
        Anslag.objects.create(
            sammantrade=meeting,
            posted_on=today,
            taken_down_on=today + datetime.timedelta(days=22),
            kept_at="Stadshuset",
            published_by=town.secretary,
        )


def test_the_anslagstavla_pages_at_a_fixed_cost(client, town, django_assert_num_queries):
    _notices(town, 1)
    with django_assert_num_queries(2):  # the count, the page's notices with their meeting
        client.get(reverse("public:anslagstavla"))
    _notices(town, 21)
    with django_assert_num_queries(2):
        page = client.get(reverse("public:anslagstavla")).content.decode()
    assert "Sida 1 av 2" in page and page.count('id="anslag-') == 20
    page = client.get(reverse("public:anslagstavla") + "?sida=2").content.decode()
    assert page.count('id="anslag-') == 2


def test_the_meeting_and_paragraf_pages(client, town, django_assert_max_num_queries):
    meeting = support.meeting(town, date=timezone.localdate())
    support.members(meeting, town.secretary)
    first = support.listed(town, meeting)
    support.listed(town, meeting)
    client.force_login(town.secretary)
    url = reverse("admin:namnd_sammantrade_change", args=[meeting.pk])
    with django_assert_max_num_queries(25):
        page = client.get(url).content.decode()
    assert "Föredragningslista" in page and "Ge paragrafnummer" in page
    support.listed(town, meeting)
    with django_assert_max_num_queries(25):
        client.get(url)
    response = client.post(url, {"action": "numbers_assign"})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.number == 1
    url = reverse("admin:namnd_paragraf_change", args=[first.pk])
    with django_assert_max_num_queries(30):
        page = client.get(url).content.decode()
    assert "Förvaltningen har redovisat ärendet i ett tjänsteutlåtande daterat" in page
    response = client.post(url, {"action": "decide", "decide-outcome": "bifall"})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.decision is not None


def test_a_handlaggare_sees_but_does_not_run_the_meeting(client, town):
    meeting = support.meeting(town)
    client.force_login(town.handlaggare)
    url = reverse("admin:namnd_sammantrade_change", args=[meeting.pk])
    page = client.get(url).content.decode()
    assert "Lägg till ledamot" not in page
    assert client.post(url, {"action": "numbers_assign"}).status_code == 403


def test_the_ordforande_justerar_from_the_meeting_page(client, town):
    meeting = support.meeting(town, date=timezone.localdate())
    support.decided(town, meeting)
    client.force_login(meeting.ordforande_user)
    url = reverse("admin:namnd_sammantrade_change", args=[meeting.pk])
    assert "Justera protokollet" in client.get(url).content.decode()
    client.post(url, {"action": "justera"})
    page = client.get(url).content.decode()
    assert "Justera protokollet" not in page and "Ordforande Testsson (Ordförande)" in page


def test_the_case_page_shows_the_paragraf_and_the_final_date(client, town):
    _meeting, paragraf, anslag = _justerat_and_posted(town)
    client.force_login(town.secretary)
    url = reverse("admin:initiatives_initiative_change", args=[paragraf.initiative.pk])
    page = client.get(url).content.decode()
    final = appeal.final_date(anslag.posted_on)
    assert f"§ {paragraf.number}" in page
    assert f"beslutet kan anses slutligt {final:%Y-%m-%d}" in page


def test_signing_before_the_final_date_shows_a_warning(client, town):
    _meeting, paragraf, anslag = _justerat_and_posted(town)
    agreement = paragraf.initiative.agreement
    client.force_login(town.handlaggare)
    url = reverse("admin:agreements_agreement_sign", args=[agreement.pk])
    page = client.get(url).content.decode()
    last = appeal.appeal_last_day(anslag.posted_on)
    assert f"Beslutet kan överklagas till och med {last:%Y-%m-%d}" in page
    # After the final date nothing is shown.
    Anslag.objects.filter(pk=anslag.pk).update(
        posted_on=datetime.date(2026, 1, 5), taken_down_on=datetime.date(2026, 1, 27)
    )
    assert "kan överklagas" not in client.get(url).content.decode()
