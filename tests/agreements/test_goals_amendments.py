"""Goals in the agreement (drafted, versioned, in the document) and changes during the term."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from agreements import amendment_services, drafting, services
from agreements.documents import agreement_html
from agreements.models import AgreementAmendment, AgreementGoal, ReportDate
from initiatives.models import DiaryEntry
from term import services as term_services

pytestmark = pytest.mark.django_db

GOAL = {
    "goal": "Fler möten mellan nyanlända och etablerade stockholmare",
    "indicator": "Antal möten",
    "target": "200 möten",
}


def test_goals_are_drafted_in_order_versioned_and_shown_in_the_document(town):
    case = town.assessed()
    agreement = services.agreement_create_draft(initiative=case, by=town.handlaggare)
    services.agreement_update(
        agreement=agreement,
        by=town.handlaggare,
        goals=[GOAL, {"goal": "Barnen klarar skolan", "indicator": "", "target": "80 %"}],
    )
    assert list(agreement.goals.values_list("order", "target")) == [(1, "200 möten"), (2, "80 %")]
    first, second = agreement.goals.order_by("order")
    version = services.agreement_update(
        agreement=agreement,
        by=town.handlaggare,
        goals=[
            {"id": second.pk, "goal": "Barnen klarar skolan", "target": "85 %"},
            {"id": first.pk},
        ],
    )
    assert list(agreement.goals.values_list("order", "target")) == [(1, "85 %"), (2, "200 möten")]
    assert [g["target"] for g in version.snapshot["goals"]] == ["85 %", "200 möten"]
    older = agreement.versions.get(number=version.number - 1)
    diff = drafting.version_diff(older.snapshot, version.snapshot)
    assert [s.title for s in diff] == ["Mål"]
    html = agreement_html(agreement=agreement, version=version)
    assert "Partnerskapets mål" in html and "200 möten" in html and "Antal möten" in html

    with pytest.raises(ValidationError, match="Mål 1"):
        services.agreement_update(agreement=agreement, by=town.handlaggare, goals=[{"goal": ""}])
    assert agreement.goals.count() == 2


def test_a_version_without_goals_still_renders(town):
    case = town.for_decision()
    version = case.agreement.versions.order_by("number").first()
    version.snapshot.pop("goals", None)
    assert "Partnerskapets mål" not in agreement_html(agreement=case.agreement, version=version)


def _dates(agreement, **changes):
    rows = [
        {"due_date": r.due_date, "description": r.description} for r in agreement.report_dates.all()
    ]
    for row in rows:
        if row["description"] in changes:
            row["due_date"] = changes[row["description"]]
    return rows


def test_a_report_date_moved_within_the_term_needs_no_new_decision(town):
    case = town.active()
    agreement = case.agreement
    amendment = amendment_services.agreement_amend(
        agreement=agreement,
        by=town.handlaggare,
        reason="Organisationen bad om en vecka till; överenskommet på dialogmöte.",
        report_dates=_dates(agreement, Delrapport=datetime.date(2027, 7, 9)),
    )
    assert amendment.number == 1 and not amendment.needs_new_decision
    assert amendment.created_by == town.handlaggare
    assert [r["due_date"] for r in amendment.after["report_dates"]] == ["2027-07-09", "2027-12-31"]
    assert "2027-07-09" not in [r["due_date"] for r in amendment.before["report_dates"]]
    assert "term_start" not in amendment.after
    assert ReportDate.objects.filter(agreement=agreement, due_date="2027-07-09").exists()
    assert amendment.version.sent_at is not None
    assert amendment.version.snapshot["report_dates"][0]["due_date"] == "2027-07-09"


def test_an_amendment_is_registered_and_the_organisation_is_told_where_to_read_it(
    town, django_capture_on_commit_callbacks
):
    case = town.active()
    agreement = case.agreement
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        amendment = amendment_services.agreement_amend(
            agreement=agreement,
            by=town.handlaggare,
            reason="Delrapporten flyttas en vecka; överenskommet på dialogmöte.",
            report_dates=_dates(agreement, Delrapport=datetime.date(2027, 7, 9)),
        )
    entry = DiaryEntry.objects.get(initiative=case, document="Avtalsändring")
    assert entry.subject == f"Ändring 1 av avtalet, avtalsversion {amendment.version.number}"
    assert entry.sender == case.forvaltning.name
    assert entry.registered_by == town.handlaggare
    assert entry.received_at == amendment.created_at
    [sent] = mail.outbox
    assert town.org.contact_email in sent.to
    assert town.member.email in sent.to
    assert case.diarienummer in sent.subject
    url = reverse("initiatives:detail", args=[case.pk]) + "#avtalsandringar"
    assert url in sent.body
    assert "Delrapporten flyttas en vecka" in sent.body
    assert "2027-07-09: Delrapport" in sent.body
    assert "nytt beslut" not in sent.body
    # The link's target is on the organisation's case page.
    from django.test import Client

    client = Client()
    client.force_login(town.member)
    assert 'id="avtalsandringar"' in client.get(case.get_absolute_url()).content.decode()


def test_an_amendment_that_needs_a_new_decision_says_so_in_the_mail(
    town, django_capture_on_commit_callbacks
):
    case = town.active()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        amendment_services.agreement_amend(
            agreement=case.agreement,
            by=town.handlaggare,
            reason="Verksamheten förlängs till sommaren.",
            term_end=datetime.date(2028, 6, 30),
        )
    [sent] = mail.outbox
    assert "2027-01-01 – 2027-12-31 blir 2027-01-01 – 2028-06-30" in sent.body
    assert "Ändringen kräver ett nytt beslut i nämnden" in sent.body


def test_a_refused_amendment_registers_nothing_and_sends_nothing(
    town, django_capture_on_commit_callbacks
):
    case = town.active()
    mail.outbox.clear()
    before = DiaryEntry.objects.filter(initiative=case).count()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
        amendment_services.agreement_amend(
            agreement=case.agreement,
            by=town.handlaggare_amf,
            reason="x",
            term_end=datetime.date(2028, 1, 1),
        )
    assert DiaryEntry.objects.filter(initiative=case).count() == before
    assert mail.outbox == []


def test_extending_the_term_needs_a_new_decision(town):
    case = town.active()
    amendment = amendment_services.agreement_amend(
        agreement=case.agreement,
        by=town.handlaggare,
        reason="Verksamheten förlängs till sommaren.",
        term_end=datetime.date(2028, 6, 30),
    )
    assert amendment.needs_new_decision
    assert amendment.before == {"term_start": "2027-01-01", "term_end": "2027-12-31"}
    assert amendment.after["term_end"] == "2028-06-30"
    assert str(amendment_services.NEW_DECISION_NOTICE).startswith(
        "Ändringen kräver ett nytt beslut i nämnden"
    )
    # Shortened back inside the decided term: no new decision, measured from the decided term.
    again = amendment_services.agreement_amend(
        agreement=case.agreement,
        by=town.handlaggare,
        reason="Tillbaka till beslutad tid.",
        term_end=datetime.date(2027, 12, 31),
    )
    assert again.number == 2 and not again.needs_new_decision


def test_shortening_the_term_past_the_money_needs_a_new_decision(town):
    case = town.active(term_start=datetime.date(2027, 1, 1), term_end=datetime.date(2028, 12, 31))
    amendment = amendment_services.agreement_amend(
        agreement=case.agreement,
        by=town.handlaggare,
        reason="Avslutas ett år tidigare.",
        term_end=datetime.date(2027, 12, 31),
        report_dates=[{"due_date": datetime.date(2027, 12, 31), "description": "Slutrapport"}],
    )
    assert amendment.needs_new_decision


def test_amendment_refusals(town):
    case = town.active()
    agreement = case.agreement
    with pytest.raises(ValidationError) as error:
        amendment_services.agreement_amend(
            agreement=agreement, by=town.handlaggare, reason=" ", term_end=datetime.date(2028, 1, 1)
        )
    assert error.value.message_dict == {"reason": ["Skriv varför avtalet ändras."]}
    with pytest.raises(ValidationError, match="ändrar ingenting"):
        amendment_services.agreement_amend(agreement=agreement, by=town.handlaggare, reason="x")
    with pytest.raises(ValidationError) as error:
        amendment_services.agreement_amend(
            agreement=agreement,
            by=town.handlaggare,
            reason="x",
            term_end=datetime.date(2026, 1, 1),
        )
    assert "term_end" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        amendment_services.agreement_amend(
            agreement=agreement,
            by=town.handlaggare_amf,
            reason="x",
            term_end=datetime.date(2028, 1, 1),
        )
    # A date with a report stays.
    report_date = agreement.report_dates.earliest("due_date")
    term_services.report_submit(
        report_date=report_date,
        by=town.member,
        activities_done="x",
        participants_reached=1,
        money_used={c.pk: 0 for c in agreement.contributions.filter(party="municipality")},
    )
    with pytest.raises(ValidationError) as error:
        amendment_services.agreement_amend(
            agreement=agreement,
            by=town.handlaggare,
            reason="x",
            report_dates=_dates(agreement, Delrapport=datetime.date(2027, 8, 1)),
        )
    assert "har redan en rapport" in error.value.message_dict["report_dates"][0]
    assert not AgreementAmendment.objects.exists()
    # Not during the term: drafting has its own editing.
    with pytest.raises(ValidationError, match="bara medan partnerskapet pågår"):
        amendment_services.agreement_amend(
            agreement=town.for_decision(paragraph=3).agreement,
            by=town.handlaggare,
            reason="x",
            term_end=datetime.date(2028, 1, 1),
        )
    assert AgreementGoal.objects.count() == 0


def test_goals_are_added_in_the_agreement_admin(town, client):
    from django.urls import reverse

    from .test_agreement_admin import admin_post_data

    case = town.assessed()
    agreement = services.agreement_create_draft(initiative=case, by=town.handlaggare)
    client.force_login(town.handlaggare)
    url = reverse("admin:agreements_agreement_change", args=[agreement.pk])
    data = admin_post_data(agreement) | {
        "goals-TOTAL_FORMS": 1,
        "goals-0-goal": GOAL["goal"],
        "goals-0-indicator": GOAL["indicator"],
        "goals-0-target": GOAL["target"],
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(agreement.goals.values_list("order", "target")) == [(1, "200 möten")]
    assert agreement.versions.order_by("-number").first().snapshot["goals"][0]["target"] == (
        "200 möten"
    )


def test_the_amendment_page_saves_and_refuses_next_to_the_field(town, client):
    from django.urls import reverse

    case = town.active()
    client.force_login(town.handlaggare)
    url = reverse("admin:initiatives_initiative_amend", args=[case.pk])
    page = client.get(url).content.decode()
    assert "2027-12-31 Slutrapport" in page
    data = {
        "term_start": "2027-01-01",
        "term_end": "2028-06-30",
        "report_dates": "2027-07-02 Delrapport\n2028-06-30 Slutrapport",
        "reason": "",
    }
    response = client.post(url, data)
    assert response.status_code == 200 and response.context["form"].errors["reason"]
    response = client.post(url, data | {"report_dates": "i morgon Delrapport"})
    assert (
        "Rad 1: skriv datumet som ÅÅÅÅ-MM-DD" in response.context["form"].errors["report_dates"][0]
    )
    response = client.post(url, data | {"reason": "Förlängt efter dialogmöte."}, follow=True)
    assert "Ändringen kräver ett nytt beslut i nämnden" in response.content.decode()
    amendment = AgreementAmendment.objects.get()
    assert amendment.needs_new_decision and amendment.after["term_end"] == "2028-06-30"
    # The organisation reads the change on its case page and the amended agreement.
    client.force_login(town.member)
    detail = client.get(case.get_absolute_url()).content.decode()
    assert "Ändring 1" in detail and "Förlängt efter dialogmöte." in detail
    draft = client.get(reverse("agreements:draft", args=[case.pk]))
    assert draft.status_code == 200 and "2028-06-30" in draft.content.decode()
    assert reverse("agreements:draft", args=[case.pk]) in detail
    # The handläggare sees the same case page, but the agreement page is the organisation's
    # (404 to staff): the page shows them no link to it, neither under the amendments nor
    # among the case's records.
    client.force_login(town.handlaggare)
    detail = client.get(case.get_absolute_url()).content.decode()
    assert "Ändring 1" in detail and "Ärendets handlingar" in detail
    assert reverse("agreements:draft", args=[case.pk]) not in detail
    assert client.get(reverse("agreements:draft", args=[case.pk])).status_code == 404
