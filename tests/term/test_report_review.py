"""Report review: staff accept or return a report, the organisation revises it; statuses, flags."""

import datetime
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from agreements.models import AgreementGoal, Contribution, Party, ReportDate
from initiatives.models import DiaryEntry
from term import report_selectors, report_services, services
from term.models import FollowUpReportGoal, FollowUpReportReview, FollowUpReportVersion
from term.report_selectors import ReportStatus

pytestmark = pytest.mark.django_db

GOALS = [
    {
        "goal": "Fler möten mellan nyanlända och etablerade stockholmare",
        "indicator": "Antal möten",
        "target": "200 möten",
    },
    {"goal": "Barnen klarar skolan bättre", "indicator": "Andel godkända betyg", "target": "80 %"},
]


@pytest.fixture
def case(town):
    return town.active(goals=GOALS)


def _first_date(case):
    return ReportDate.objects.filter(agreement__initiative=case).earliest("due_date")


def _money(case, amount=90000):
    lines = Contribution.objects.filter(agreement__initiative=case, party=Party.MUNICIPALITY)
    return {c.pk: amount for c in lines}


def _answers(case, value="120 möten"):
    return {
        g.pk: {"outcome_value": value, "outcome_text": "Enligt plan."}
        for g in AgreementGoal.objects.filter(agreement__initiative=case)
    }


def _submit(case, town, *, amount=90000):
    return services.report_submit(
        report_date=_first_date(case),
        by=town.member,
        activities_done="Läxhjälp tre kvällar i veckan.",
        participants_reached=40,
        money_used=_money(case, amount),
        goal_answers=_answers(case),
    )


def _revise(case, town, report, *, by=None):
    return report_services.report_revise(
        report=report,
        by=by or town.member,
        activities_done="Läxhjälp tre kvällar i veckan, med närvarolistor.",
        participants_reached=42,
        money_used=_money(case),
        goal_answers=_answers(case, "130 möten"),
    )


def test_the_report_answers_per_goal_as_its_version_one(case, town):
    report = _submit(case, town)
    version = report.versions.get()
    assert version.number == 1 and version.participants_reached == 40
    answers = FollowUpReportGoal.objects.filter(version=version).order_by("goal__order")
    assert [a.goal.target for a in answers] == ["200 möten", "80 %"]
    assert [a.outcome_value for a in answers] == ["120 möten", "120 möten"]


def test_a_goal_of_another_agreement_is_refused(case, town):
    other = town.active(paragraph=2, title="Annat", goals=GOALS[:1])
    foreign = AgreementGoal.objects.get(agreement__initiative=other)
    with pytest.raises(ValidationError, match="mål som inte finns i avtalet"):
        services.report_submit(
            report_date=_first_date(case),
            by=town.member,
            activities_done="x",
            participants_reached=1,
            money_used=_money(case),
            goal_answers={foreign.pk: {"outcome_value": "1"}},
        )


def test_returned_revised_and_accepted_each_version_kept_and_mailed(
    case, town, django_capture_on_commit_callbacks
):
    report = _submit(case, town)
    report_page = reverse("term:report", args=[case.pk, report.report_date_id])

    with pytest.raises(ValidationError, match="Skriv vad organisationen ska komplettera"):
        report_services.report_return(report=report, by=town.handlaggare, request_text="  ")
    with pytest.raises(ValidationError, match="väntar på handläggarens granskning"):
        _revise(case, town, report)

    with django_capture_on_commit_callbacks(execute=True):
        review = report_services.report_return(
            report=report, by=town.handlaggare, request_text="Bifoga närvarolistorna."
        )
    assert review.decision == FollowUpReportReview.Decision.RETURNED
    assert mail.outbox[-1].to[0] == town.org.contact_email
    assert report_page in mail.outbox[-1].body
    assert "Bifoga närvarolistorna." in mail.outbox[-1].body
    assert report_selectors.report_date_status(_first_date(case)) == ReportStatus.RETURNED

    with pytest.raises(ValidationError, match="återsänd för komplettering"):
        report_services.report_accept(report=report, by=town.handlaggare)
    with pytest.raises(PermissionDenied, match="Bara organisationens medlemmar"):
        _revise(case, town, report, by=town.other_member)

    with django_capture_on_commit_callbacks(execute=True):
        version = _revise(case, town, report)
    assert version.number == 2
    assert mail.outbox[-1].to == [town.handlaggare.email]
    review_page = reverse("admin:initiatives_initiative_report_review", args=[case.pk, report.pk])
    assert review_page in mail.outbox[-1].body
    assert DiaryEntry.objects.filter(
        initiative=case, document="Komplettering av uppföljningsrapport"
    ).exists()
    assert report_selectors.report_date_status(_first_date(case)) == ReportStatus.RECEIVED

    with django_capture_on_commit_callbacks(execute=True):
        report_services.report_accept(report=report, by=town.handlaggare)
    assert report_page in mail.outbox[-1].body and "godkänt" in mail.outbox[-1].body
    assert report_selectors.report_date_status(_first_date(case)) == ReportStatus.ACCEPTED
    assert list(
        FollowUpReportVersion.objects.filter(report=report).values_list("number", flat=True)
    ) == [1, 2]

    with pytest.raises(ValidationError, match="redan godkänd"):
        report_services.report_accept(report=report, by=town.handlaggare)
    with pytest.raises(ValidationError, match="redan godkänd"):
        report_services.report_return(report=report, by=town.handlaggare, request_text="Mer")
    with pytest.raises(ValidationError, match="godkänd och kan inte ändras"):
        _revise(case, town, report)


def test_only_staff_of_the_case_review(case, town):
    report = _submit(case, town)
    with pytest.raises(PermissionDenied):
        report_services.report_accept(report=report, by=town.handlaggare_amf)
    with pytest.raises(PermissionDenied):
        report_services.report_return(report=report, by=town.member, request_text="Mer")


def test_report_date_statuses(case, town):
    report_date = _first_date(case)
    before, after = report_date.due_date, report_date.due_date + datetime.timedelta(days=1)
    assert report_selectors.report_date_status(report_date, today=before) == ReportStatus.DUE
    assert report_selectors.report_date_status(report_date, today=after) == ReportStatus.OVERDUE
    assert list(report_selectors.overdue_report_dates(today=after)) == [report_date]
    _submit(case, town)
    assert report_selectors.report_date_status(report_date, today=after) == ReportStatus.RECEIVED
    assert not report_selectors.overdue_report_dates(today=after).exists()


def test_money_beyond_the_contribution_is_flagged(case, town):
    report = _submit(case, town, amount=300000)
    view = report_selectors.report_view(report=report)
    assert view.status == ReportStatus.RECEIVED
    assert view.flags == [
        "Använt belopp för 2027 (300\u00a0000 kr) är mer än kommunens bidrag enligt avtalet "
        "(200\u00a0000 kr)."
    ]
    assert report_selectors.report_view(report=_submit_other(town)).flags == []


def _submit_other(town):
    other = town.active(paragraph=2, title="Annat")
    return services.report_submit(
        report_date=_first_date(other),
        by=town.member,
        activities_done="x",
        participants_reached=1,
        money_used=_money(other, 1000),
    )


def test_money_for_a_year_outside_the_term_is_flagged():
    agreement = SimpleNamespace(
        term_start=datetime.date(2027, 1, 1), term_end=datetime.date(2027, 12, 31)
    )
    contributions = [SimpleNamespace(pk=1, year=2028, amount_sek=100)]
    flags = report_selectors.report_flags(
        agreement=agreement,
        contributions=contributions,
        version=SimpleNamespace(money_used={"1": 50}),
    )
    assert flags == [
        "Medel redovisas för 2028, som ligger utanför avtalstiden 2027-01-01–2027-12-31."
    ]


def _count(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as counted:
        assert client.get(url).status_code == 200
    return len(counted.captured_queries)


def test_report_pages_run_a_fixed_number_of_queries(case, town, client, django_assert_num_queries):
    report = _submit(case, town, amount=300000)
    report_services.report_return(report=report, by=town.handlaggare, request_text="Mer")
    org_url = reverse("term:report", args=[case.pk, report.report_date_id])
    staff_url = reverse("admin:initiatives_initiative_report_review", args=[case.pk, report.pk])
    client.force_login(town.member)
    org_budget = _count(client, org_url)
    client.force_login(town.handlaggare)
    staff_budget = _count(client, staff_url)
    # Five more rounds of return and revision: the pages read every version in the same queries.
    for n in range(5):
        _revise(case, town, report)
        report_services.report_return(report=report, by=town.handlaggare, request_text=f"Mer {n}")
    client.force_login(town.member)
    with django_assert_num_queries(org_budget):
        page = client.get(org_url)
    assert "Version 6" in page.content.decode() and "Komplettera rapporten" in page.content.decode()
    client.force_login(town.handlaggare)
    with django_assert_num_queries(staff_budget):
        page = client.get(staff_url)
    assert "Version 6" in page.content.decode()
    # Org: session and user, the case, its report date with the report, the membership, the
    # versions with their reviews, the goal answers, their goals and the contribution lines.
    # Staff: the same reads of the report through the admin's scoped case and report.
    assert (org_budget, staff_budget) == (9, 9)


def test_the_report_admin_and_the_case_pages_show_status_and_flags(case, town, client):
    report = _submit(case, town, amount=300000)
    client.force_login(town.handlaggare)
    page = client.get(reverse("admin:term_followupreport_change", args=[report.pk]))
    html = page.content.decode()
    assert "är mer än kommunens bidrag" in html and "inkommen" in html
    case_page = client.get(reverse("admin:initiatives_initiative_change", args=[case.pk]))
    assert "Granska delrapport" in case_page.content.decode()
    client.force_login(town.member)
    html = client.get(reverse("term:report", args=[case.pk, report.report_date_id])).content
    assert "är mer än kommunens bidrag" in html.decode()
    detail = client.get(case.get_absolute_url()).content.decode()
    assert "(inkommen)" in detail


def test_mitt_arbete_lists_each_report_while_it_waits_for_review(case, town, client):
    start = reverse("admin:initiatives_initiative_start")
    client.force_login(town.handlaggare)

    def todo():
        return [(row.what, row.url) for row in client.get(start).context["todo"]]

    report = _submit(case, town)
    review_page = reverse("admin:initiatives_initiative_report_review", args=[case.pk, report.pk])
    assert todo() == [("Rapport att granska: Delrapport", review_page)]
    report_services.report_return(report=report, by=town.handlaggare, request_text="Komplettera.")
    assert todo() == []  # now the organisation's turn
    _revise(case, town, report)
    assert todo() == [("Komplettering att granska: Delrapport", review_page)]
    client.force_login(town.colleague)
    assert todo() == []  # not their case
    client.force_login(town.handlaggare)
    report_services.report_accept(report=report, by=town.handlaggare)
    assert todo() == []


def test_once_the_partnership_has_ended_a_report_is_accepted_not_returned(case, town, client):
    from term import termination_services

    report = _submit(case, town)
    termination_services.agreement_terminate(
        agreement=case.agreement,
        by=town.handlaggare,
        reason="Verksamheten har upphört.",
        date=datetime.date(2027, 6, 30),
    )
    with pytest.raises(ValidationError, match="bara skickas tillbaka medan partnerskapet pågår"):
        report_services.report_return(report=report, by=town.handlaggare, request_text="Mer.")
    assert not FollowUpReportReview.objects.exists()
    client.force_login(town.handlaggare)
    url = reverse("admin:initiatives_initiative_report_review", args=[case.pk, report.pk])
    html = client.get(url).content.decode()
    assert "Godkänn rapporten" in html
    assert 'value="return"' not in html and 'name="request_text"' not in html
    response = client.post(url, {"decision": "accept"})
    assert response.status_code == 302
    assert report.reviews.get().decision == FollowUpReportReview.Decision.ACCEPTED
