"""The staff statistics: the page and its CSV show the database's figures, scoped to the user."""

import csv
import datetime
import io
import statistics
from collections import Counter, defaultdict

import pytest
from django.urls import reverse
from django.utils import timezone

from agreements.models import Contribution, ReportDate
from initiatives.models import Initiative, Status
from statistik import selectors
from term import selectors as term_selectors
from term import services as term_services
from term.models import FollowUpReport

pytestmark = pytest.mark.django_db


class Clock:
    """A clock that moves on a little further at each reading, so that the stays in each stage
    differ in length within a case and between cases."""

    def __init__(self, start: datetime.datetime):
        self.at, self.step = start, 0

    def __call__(self):
        self.step += 1
        self.at += datetime.timedelta(minutes=30 + 11 * (self.step % 7))
        return self.at


@pytest.fixture
def cases(town, monkeypatch):
    """Cases at SOF in several stages, one at AMF, built while the clock runs fast; a draft."""
    with monkeypatch.context() as patched:
        patched.setattr(
            timezone, "now", Clock(datetime.datetime(2026, 11, 5, 8, tzinfo=datetime.UTC))
        )
        made = {
            "submitted": town.submitted(title="Inkommet"),
            "assessment": town.in_assessment(title="Bedöms"),
            "active": town.active(title="Pågår"),
            "active2": town.active(title="Pågår också", paragraph=2),
            "amf": town.submitted(title="Hos AMF", forvaltning=town.amf),
        }
        town.draft(title="Utkast räknas inte")
        first = ReportDate.objects.filter(agreement__initiative=made["active"]).earliest("due_date")
        term_services.report_submit(
            report_date=first,
            by=town.member,
            activities_done="Läxhjälp varje vecka.",
            participants_reached=40,
            money_used={
                c.pk: 1000 for c in term_selectors.municipality_contributions(report_date=first)
            },
        )
    return made


def csv_tables(response) -> dict[str, list[list[str]]]:
    """The CSV's blocks by title: each a title row, a header row, rows, an empty row."""
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    blocks, current = {}, None
    for row in csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"):
        if not row:
            current = None
        elif current is None:
            current = blocks.setdefault(row[0], [])
        else:
            current.append(row)
    return blocks


def number(cell: str):
    return float(cell.replace(",", ".")) if "," in cell else int(cell) if cell else None


def expected_stays(user_cases) -> dict[str, list[float]]:
    """Stays per stage in days, computed in Python from the StatusChange rows."""
    stays = defaultdict(list)
    for case in user_cases:
        changes = list(case.status_changes.order_by("changed_at", "pk"))
        for before, after in zip(changes, changes[1:], strict=False):
            stays[after.from_status].append(
                (after.changed_at - before.changed_at).total_seconds() / 86400
            )
    return stays


def test_the_csv_agrees_with_the_database(client, town, cases):
    today = timezone.localdate()
    client.force_login(town.superuser)
    tables = csv_tables(client.get(reverse("admin:statistik_csv")))
    registered = Initiative.objects.exclude(status=Status.DRAFT)

    by_status = {row[0]: int(row[1]) for row in tables["Ärenden per status"][1:]}
    counted = Counter(Status(c.status).label for c in registered)
    assert by_status == {s.label: counted[s.label] for s in Status if s != Status.DRAFT}
    assert by_status["Pågående partnerskap"] == 2

    header, *rows = tables["Ärenden och pågående partnerskap per förvaltning"]
    assert header == ["Förvaltning", "Ärenden", "Öppna ärenden", "Pågående partnerskap"]
    assert rows == [
        ["Arbetsmarknadsförvaltningen", "1", "1", "0"],
        ["Socialförvaltningen", "4", "4", "2"],
    ]

    (year_row,) = tables["Inkomna ärenden per år"][1:]
    assert year_row[:2] == [str(timezone.localdate(cases["amf"].submitted_at).year), "5"]

    stays = expected_stays(registered)
    header, *rows = tables["Tid i varje steg (dagar)"]
    assert header == ["Steg", "Avslutade steg", "Median (dagar)", "Längst (dagar)"]
    assert "," in rows[0][2]  # a decimal comma, as Swedish Excel reads a number
    for stage, count, median, longest in rows:
        status = next(s for s in Status if s.label == stage)
        assert int(count) == len(stays[status.value])
        if stays[status.value]:
            assert number(median) == round(statistics.median(stays[status.value]), 1)
            assert number(longest) == round(max(stays[status.value]), 1)
        else:
            assert median == longest == ""

    money, in_kind = defaultdict(int), defaultdict(int)
    for c in Contribution.objects.filter(agreement__initiative__status__in=selectors.AGREED):
        money[f"{c.year} {c.get_party_display()}"] += c.amount_sek
        in_kind[f"{c.year} {c.get_party_display()}"] += c.in_kind_value_sek
    shown = {
        row[0]: [int(v) for v in row[1:]] for row in tables["Insatser per år och part (kr)"][1:]
    }
    assert shown == {k: [money[k], in_kind[k], money[k] + in_kind[k]] for k in money}
    assert sum(money.values()) > 0
    assert len(tables["Insatser per förvaltning, år och part (kr)"]) == len(money) + 1

    dates = ReportDate.objects.filter(agreement__initiative__status=Status.ACTIVE)
    reported = {r.report_date_id for r in FollowUpReport.objects.all()}
    figures = dict(tables["Uppföljningsrapporter"][1:])
    assert figures == {
        "Ska lämnas": str(sum(d.due_date >= today and d.pk not in reported for d in dates)),
        "Försenade": str(sum(d.due_date < today and d.pk not in reported for d in dates)),
        "Inkomna": str(len(reported)),
    }
    assert figures["Inkomna"] == "1"
    assert int(figures["Ska lämnas"]) + int(figures["Försenade"]) == dates.count() - 1


def test_the_page_shows_the_csv_figures_with_a_chart_and_table_each(client, town, cases):
    client.force_login(town.superuser)
    page = client.get(reverse("admin:statistik")).content.decode()
    tables = csv_tables(client.get(reverse("admin:statistik_csv")))
    for table in selectors.statistics_tables(user=town.superuser):
        assert f'<h2 id="{table.key}">{table.title}</h2>' in page
        if table.chart is not None:
            assert f'aria-labelledby="diagram-{table.key}-title"' in page
        for row in tables[str(table.title)][1:]:
            # The first cell names the row; the figures follow in Swedish (4,5; 12 345).
            assert f'<th scope="row">{row[0]}</th>' in page
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg" class="statistik-chart"') == 6
    assert 'role="img"' in page and "<script" not in page.split('id="content-main"')[1]


def test_a_handlaggare_counts_only_their_forvaltning(client, town, cases):
    client.force_login(town.handlaggare_amf)
    tables = csv_tables(client.get(reverse("admin:statistik_csv")))
    assert tables["Ärenden och pågående partnerskap per förvaltning"][1:] == [
        ["Arbetsmarknadsförvaltningen", "1", "1", "0"]
    ]
    assert dict(tables["Ärenden per status"][1:])["Inkommen"] == "1"
    assert len(tables["Insatser per år och part (kr)"]) == 1  # the header only
    page = client.get(reverse("admin:statistik")).content.decode()
    assert "Socialförvaltningen" not in page and "Pågår" not in page


def test_only_staff_who_see_cases_see_statistics(client, town, cases):
    client.force_login(town.member)
    response = client.get(reverse("admin:statistik"))
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]
    town.handlaggare.groups.clear()
    client.force_login(town.handlaggare)
    assert client.get(reverse("admin:statistik")).status_code == 403
    assert client.get(reverse("admin:statistik_csv")).status_code == 403


def test_the_figures_take_the_same_queries_for_few_and_many_cases(
    client, town, cases, django_assert_num_queries
):
    client.force_login(town.superuser)
    client.get(reverse("admin:statistik"))
    # Session, user, and one aggregate per table.
    with django_assert_num_queries(10):
        client.get(reverse("admin:statistik"))
    town.active(title="Ännu ett", paragraph=3)
    town.submitted(title="Och ett till", forvaltning=town.amf)
    with django_assert_num_queries(10):
        client.get(reverse("admin:statistik_csv"))
