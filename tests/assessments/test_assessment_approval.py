"""Four-eyes approval and revisions, the attachments behind a verdict, the admin page's budget."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from assessments import services
from assessments.models import (
    Assessment,
)
from initiatives import attachment_services
from initiatives.models import Status

from ..files import pdf_bytes, upload
from ._support import OK, REDIRECT, Verdict, admin_data, fill, make_set, texts, use_set

pytestmark = pytest.mark.django_db


# --- Four eyes and revisions --------------------------------------------------------------------


def test_the_person_who_saved_last_cannot_approve(town):
    assessment = town.in_assessment().assessment
    fill(assessment, town.handlaggare)
    with pytest.raises(ValidationError, match="Du sparade bedömningen senast"):
        services.assessment_approve(assessment=assessment, by=town.handlaggare)
    assessment.refresh_from_db()
    assert assessment.approved_at is None
    assert assessment.summary == "Förvaltningen föreslår ett partnerskap."
    # A colleague's later save makes the colleague the one who may not approve.
    fill(assessment, town.colleague, summary="Kollegans sammanfattning.")
    with pytest.raises(ValidationError, match="Du sparade bedömningen senast"):
        services.assessment_approve(assessment=assessment, by=town.colleague)
    services.assessment_approve(assessment=assessment, by=town.handlaggare)


def test_four_eyes_is_a_database_constraint(town):
    assessment = town.in_assessment().assessment
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.filter(pk=assessment.pk).update(approved_by=town.handlaggare)


def test_staff_of_another_forvaltning_cannot_approve(town):
    from django.core.exceptions import PermissionDenied

    assessment = town.in_assessment().assessment
    fill(assessment, town.handlaggare)
    with pytest.raises(PermissionDenied):
        services.assessment_approve(assessment=assessment, by=town.handlaggare_amf)


def test_approved_assessment_is_read_only_until_a_new_revision(town):
    assessment = town.in_assessment().assessment
    fill(assessment, town.handlaggare)
    services.assessment_approve(assessment=assessment, by=town.colleague)
    with pytest.raises(ValidationError, match="Revision 1 är godkänd och kan inte ändras"):
        services.assessment_record(assessment=assessment, by=town.handlaggare, summary="Ny")
    assessment.refresh_from_db()
    assert assessment.summary == "Förvaltningen föreslår ett partnerskap."

    assessment = services.assessment_revise(assessment=assessment, by=town.handlaggare)
    assert (assessment.revision, assessment.approved_at) == (2, None)
    fill(assessment, town.handlaggare, summary="Andra revisionen.", recommendation="decline")
    services.assessment_approve(assessment=assessment, by=town.colleague)

    first, second = assessment.revisions.order_by("revision")
    assert (first.revision, first.summary, first.recommendation) == (
        1,
        "Förvaltningen föreslår ett partnerskap.",
        "iop",
    )
    assert (second.revision, second.summary) == (2, "Andra revisionen.")
    assert first.saved_by == town.handlaggare and first.approved_by == town.colleague
    assert len(first.answers) == 6 and first.answers[0]["verdict"] == "fulfilled"


def test_revise_needs_an_approved_open_assessment(town):
    assessment = town.in_assessment().assessment
    with pytest.raises(ValidationError, match="inte godkänd"):
        services.assessment_revise(assessment=assessment, by=town.handlaggare)
    case = town.assessed()
    with pytest.raises(ValidationError, match="avslutad"):
        services.assessment_revise(assessment=case.assessment, by=town.handlaggare)


def test_completing_needs_the_approval(town):
    assessment = town.in_assessment().assessment
    fill(assessment, town.handlaggare)
    with pytest.raises(ValidationError, match="måste godkännas av en annan medarbetare"):
        services.assessment_complete(assessment=assessment, by=town.handlaggare)
    services.assessment_approve(assessment=assessment, by=town.colleague)
    services.assessment_complete(assessment=assessment, by=town.handlaggare)
    assessment.initiative.refresh_from_db()
    assert assessment.initiative.status == Status.AGREEMENT


def test_admin_refuses_self_approval_with_a_message(client, town):
    assessment = town.in_assessment().assessment
    fill(assessment, town.handlaggare)
    client.force_login(town.handlaggare)
    response = client.post(reverse("admin:assessments_assessment_approve", args=[assessment.pk]))
    assert any("Du sparade bedömningen senast" in m for m in texts(response))
    assessment.refresh_from_db()
    assert assessment.approved_at is None


def test_admin_refuses_edits_to_an_approved_assessment(client, town):
    assessment = town.in_assessment().assessment
    fill(assessment, town.handlaggare)
    client.force_login(town.handlaggare)
    url = reverse("admin:assessments_assessment_change", args=[assessment.pk])
    stale = admin_data(assessment, summary="Ändrad på en gammal sida")
    services.assessment_approve(assessment=assessment, by=town.colleague)
    response = client.post(url, stale)
    assert response.status_code == OK
    assert "Revision 1 är godkänd eller avslutad och kan inte ändras" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.summary == "Förvaltningen föreslår ett partnerskap."


def test_admin_approve_revise_and_show_both_revisions(client, town):
    assessment = town.in_assessment().assessment
    fill(assessment, town.handlaggare)
    url = reverse("admin:assessments_assessment_change", args=[assessment.pk])
    client.force_login(town.colleague)
    response = client.post(reverse("admin:assessments_assessment_approve", args=[assessment.pk]))
    assert any("Revision 1 är godkänd" in m for m in texts(response))
    client.force_login(town.handlaggare)
    page = client.get(url).content.decode()
    assert "Ny revision" in page and "Avsluta bedömningen" in page
    assert 'name="summary"' not in page  # read-only once approved
    client.post(reverse("admin:assessments_assessment_revise", args=[assessment.pk]))
    assessment.refresh_from_db()
    response = client.post(url, admin_data(assessment, summary="Revision två."))
    assert response.status_code == REDIRECT
    client.force_login(town.colleague)
    client.post(reverse("admin:assessments_assessment_approve", args=[assessment.pk]))
    page = client.get(url).content.decode()
    assert "Godkända revisioner" in page
    assert "Revision två." in page and page.count("Förvaltningen föreslår ett partnerskap.") >= 1
    assert assessment.revisions.count() == 2


# --- Attachments supporting a verdict -----------------------------------------------------------


def attach(case, by, name="arsredovisning.pdf"):
    return attachment_services.attachment_add(
        initiative=case, uploaded_file=upload(name, pdf_bytes(name)), by=by
    )


def test_verdict_links_the_case_attachments_that_support_it(town):
    case = town.in_assessment()
    report = attach(case, town.member, "arsredovisning.pdf")
    statutes = attach(case, town.handlaggare, "stadgar.pdf")
    assessment = case.assessment
    first = assessment.answers.get(criterion__position=1)
    services.assessment_record(
        assessment=assessment,
        by=town.handlaggare,
        attachments={first.criterion_id: [report.pk, statutes.pk]},
    )
    assert set(first.attachments.all()) == {report, statutes}
    # Unlinking one keeps the other; other criteria are untouched.
    services.assessment_record(
        assessment=assessment, by=town.handlaggare, attachments={first.criterion_id: [report.pk]}
    )
    assert list(first.attachments.all()) == [report]
    fill(assessment, town.handlaggare)
    services.assessment_approve(assessment=assessment, by=town.colleague)
    snapshot = assessment.revisions.get().answers[0]
    assert snapshot["attachments"] == [{"id": report.pk, "name": "arsredovisning.pdf"}]


def test_attachment_of_another_case_is_refused_and_nothing_is_saved(town):
    case = town.in_assessment()
    other = town.in_assessment(title="Ett annat ärende")
    foreign = attach(other, town.member, "annan.pdf")
    assessment = case.assessment
    first = assessment.answers.get(criterion__position=1)
    with pytest.raises(ValidationError) as error:
        services.assessment_record(
            assessment=assessment,
            by=town.handlaggare,
            answers={first.criterion_id: (Verdict.FULFILLED, "")},
            attachments={first.criterion_id: [foreign.pk]},
            summary="Sparas inte.",
        )
    message = " ".join(error.value.messages)
    assert "hör inte till det här ärendet" in message and "kriterium 1" in message
    assert "annan.pdf" not in message
    first.refresh_from_db()
    assessment.refresh_from_db()
    assert (first.verdict, assessment.summary) == ("", "")
    assert not first.attachments.exists()


def test_admin_offers_only_the_case_attachments(client, town):
    case = town.in_assessment()
    own = attach(case, town.member, "egen.pdf")
    other = town.in_assessment(title="Ett annat ärende")
    foreign = attach(other, town.member, "annan.pdf")
    assessment = case.assessment
    fill(assessment, town.handlaggare)
    client.force_login(town.handlaggare)
    url = reverse("admin:assessments_assessment_change", args=[assessment.pk])
    page = client.get(url).content.decode()
    assert "egen.pdf" in page and "annan.pdf" not in page
    response = client.post(url, admin_data(assessment) | {"answers-0-attachments": [own.pk]})
    assert response.status_code == REDIRECT
    assert list(assessment.answers.get(criterion__position=1).attachments.all()) == [own]
    response = client.post(url, admin_data(assessment) | {"answers-0-attachments": [foreign.pk]})
    assert response.status_code == OK  # the form shows the error; nothing is saved
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert list(assessment.answers.get(criterion__position=1).attachments.all()) == [own]


# --- Query budget -------------------------------------------------------------------------------

# Session, user, the assessment with its relations, the answers with their criteria, their linked
# attachments, the case's attachments (editable) or nothing more (read-only), the approved
# revisions, the warnings, and the admin's permission checks: none of them per criterion. The
# assessment is read once (the change view hands its scope check's object to get_object).
BUDGET = {"editable": 10, "approved": 10}


@pytest.mark.parametrize("state", ["editable", "approved"])
@pytest.mark.parametrize("n", [1, 50])
def test_assessment_admin_page_query_budget(client, town, n, state, django_assert_num_queries):
    use_set(town, make_set(town.superuser, n=n))
    case = town.in_assessment()
    files = [attach(case, town.member, f"bilaga{i}.pdf") for i in range(3)]
    assessment = case.assessment
    fill(assessment, town.handlaggare)
    services.assessment_record(
        assessment=assessment,
        by=town.handlaggare,
        attachments={a.criterion_id: [f.pk for f in files] for a in assessment.answers.all()},
    )
    services.assessment_approve(assessment=assessment, by=town.colleague)
    if state == "editable":
        services.assessment_revise(assessment=assessment, by=town.handlaggare)
    client.force_login(town.handlaggare)
    url = reverse("admin:assessments_assessment_change", args=[assessment.pk])
    client.get(url)  # warm per-process caches (content types, permissions)
    with django_assert_num_queries(BUDGET[state]):
        response = client.get(url)
    assert response.status_code == OK
    page = response.content.decode()
    if state == "editable":
        assert page.count('name="answers-') >= n
        assert page.count('name="answers-0-attachments"') == 3  # a checkbox per case attachment
    else:
        assert page.count("bilaga0.pdf, bilaga1.pdf, bilaga2.pdf") >= n  # read-only, per row
