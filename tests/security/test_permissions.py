"""Who may see and do what, role by role, for each page: a table, as the policy is one."""

import pytest
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from decisions import permissions as decision_permissions
from initiatives import permissions
from initiatives.models import Initiative
from reminders import services as reminder_services

from .. import factories

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "member",
    "other_member",
    "handlaggare",
    "handlaggare_amf",
    "secretary",
    "superuser",
]
LOGIN = 302  # redirected to a login page
OK, FORBIDDEN, NOT_FOUND, REDIRECT = 200, 403, 404, 302


@pytest.fixture
def cases(town):
    return {"draft": town.draft(title="Utkastet"), "decision": town.for_decision()}


@pytest.fixture(scope="class")
def page_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The town and its two cases for TestPageAccess, made once for the class (as `town`
    and `cases` make them per test) in a transaction rolled back at its end (class scope, so
    the module's other tests, in any order, never see it); each of the ~150 GETs runs in its
    test's own savepoint inside it, so what a request writes (the login's last_login, a
    session) is rolled back after each, as before."""
    from iop_portal.celery import app

    media = tmp_path_factory.mktemp("page-access-media")
    settings = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        MEDIA_ROOT=media,
        LANGUAGE_CODE="sv",
    )
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True  # as _tasks_run_in_process has it for a test
    try:
        with django_db_blocker.unblock(), settings, transaction.atomic():
            town = factories.Town.create()
            cases = {"draft": town.draft(title="Utkastet"), "decision": town.for_decision()}
            yield town, cases, media
            transaction.set_rollback(True)
    finally:
        app.conf.task_always_eager = eager


def client_for(client, town, role):
    if role != "anonymous":
        client.force_login(getattr(town, role))
    return client


# page name -> (url builder, case key, expected status per role in ROLES order)
PAGES = {
    "case page": (
        lambda c: reverse("initiatives:detail", args=[c.pk]),
        "decision",
        [LOGIN, OK, NOT_FOUND, OK, NOT_FOUND, OK, OK],
    ),
    # A draft's page and its edit link lead to the wizard step where it was left.
    "draft page": (
        lambda c: reverse("initiatives:detail", args=[c.pk]),
        "draft",
        [LOGIN, REDIRECT, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
    ),
    "edit draft": (
        lambda c: reverse("initiatives:edit", args=[c.pk]),
        "draft",
        [LOGIN, REDIRECT, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
    ),
    "wizard step": (
        lambda c: reverse("initiatives:step", args=[c.pk, "granska"]),
        "draft",
        [LOGIN, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
    ),
    "wizard step of a submitted case": (
        lambda c: reverse("initiatives:step", args=[c.pk, "utmaning"]),
        "decision",
        [LOGIN, REDIRECT, NOT_FOUND, REDIRECT, NOT_FOUND, REDIRECT, REDIRECT],
    ),
    "kvittens": (
        lambda c: reverse("initiatives:receipt", args=[c.pk]),
        "decision",
        [LOGIN, OK, NOT_FOUND, OK, NOT_FOUND, OK, OK],
    ),
    "kvittens of a draft": (
        lambda c: reverse("initiatives:receipt", args=[c.pk]),
        "draft",
        [LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
    ),
    "messages": (
        lambda c: reverse("initiatives:messages", args=[c.pk]),
        "decision",
        [LOGIN, OK, NOT_FOUND, OK, NOT_FOUND, OK, OK],
    ),
    "messages of a draft": (
        lambda c: reverse("initiatives:messages", args=[c.pk]),
        "draft",
        [LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
    ),
    "admin reply": (
        lambda c: reverse("admin:initiatives_casemessage_reply", args=[c.pk]),
        "decision",
        [LOGIN, LOGIN, LOGIN, OK, NOT_FOUND, OK, OK],
    ),
    "edit submitted": (
        lambda c: reverse("initiatives:edit", args=[c.pk]),
        "decision",
        [LOGIN, REDIRECT, NOT_FOUND, REDIRECT, NOT_FOUND, REDIRECT, REDIRECT],
    ),
    "admin case list": (
        lambda c: reverse("admin:initiatives_initiative_changelist"),
        "decision",
        [LOGIN, LOGIN, LOGIN, OK, OK, OK, OK],
    ),
    "admin case page": (
        lambda c: reverse("admin:initiatives_initiative_change", args=[c.pk]),
        "decision",
        [LOGIN, LOGIN, LOGIN, OK, NOT_FOUND, OK, OK],
    ),
    "admin case history": (
        lambda c: reverse("admin:initiatives_initiative_history", args=[c.pk]),
        "decision",
        [LOGIN, LOGIN, LOGIN, OK, NOT_FOUND, OK, OK],
    ),
    "admin draft page": (
        lambda c: reverse("admin:initiatives_initiative_change", args=[c.pk]),
        "draft",
        [LOGIN, LOGIN, LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
    ),
    "admin assessment": (
        lambda c: reverse("admin:assessments_assessment_change", args=[c.assessment.pk]),
        "decision",
        [LOGIN, LOGIN, LOGIN, OK, NOT_FOUND, OK, OK],
    ),
    "admin agreement": (
        lambda c: reverse("admin:agreements_agreement_change", args=[c.agreement.pk]),
        "decision",
        [LOGIN, LOGIN, LOGIN, OK, NOT_FOUND, OK, OK],
    ),
    "tjänsteutlåtande PDF": (
        lambda c: reverse("admin:initiatives_initiative_tjansteutlatande", args=[c.pk]),
        "decision",
        # The handläggare writes it, so reads it too.
        [LOGIN, LOGIN, LOGIN, OK, NOT_FOUND, OK, OK],
    ),
    "record decision": (
        lambda c: reverse("admin:initiatives_initiative_decision", args=[c.pk]),
        "decision",
        [LOGIN, LOGIN, LOGIN, FORBIDDEN, NOT_FOUND, OK, OK],
    ),
}


class TestPageAccess:
    @pytest.mark.parametrize("page", PAGES)
    @pytest.mark.parametrize("role", ROLES)
    def test_page_access(self, client, page_world, settings, page, role):
        town, cases, settings.MEDIA_ROOT = page_world  # the world's files, not this test's tmp_path
        url_for, case_key, expected = PAGES[page]
        response = client_for(client, town, role).get(url_for(cases[case_key]))
        want = expected[ROLES.index(role)]
        assert response.status_code == want, f"{page} as {role}"
        if want == OK and page == "tjänsteutlåtande PDF":
            assert response["Content-Type"] == "application/pdf"
            assert response.content.startswith(b"%PDF")


def test_case_list_shows_only_the_users_own_cases(client, town, cases):
    other = services_submit_for(town.other_member, town.other_org, town)
    client.force_login(town.member)
    page = client.get(reverse("initiatives:my_cases")).content.decode()
    assert "Utkastet" in page and cases["decision"].diarienummer in page
    assert other.diarienummer not in page

    client.force_login(town.handlaggare_amf)
    page = client.get(reverse("admin:initiatives_initiative_changelist")).content.decode()
    assert cases["decision"].diarienummer not in page


def services_submit_for(user, organisation, town) -> Initiative:
    from initiatives import services

    fields = factories.FULL_INITIATIVE | {"title": "Andras initiativ", "forvaltning": town.sof}
    draft = services.initiative_save_draft(by=user, organisation=organisation, **fields)
    return services.initiative_submit(initiative=draft, by=user)


def test_forged_post_to_another_organisations_draft_changes_nothing(client, town, cases):
    client.force_login(town.other_member)
    draft = cases["draft"]
    response = client.post(
        reverse("initiatives:edit", args=[draft.pk]), {"title": "Kapad", "submit": "1"}
    )
    assert response.status_code == NOT_FOUND
    draft.refresh_from_db()
    assert draft.title == "Utkastet" and draft.status == "draft"


def test_forged_organisation_on_a_new_draft_is_refused(client, town):
    client.force_login(town.member)
    response = client.post(
        reverse("initiatives:create"), {"organisation": town.other_org.pk, "title": "Smuggel"}
    )
    assert response.status_code == NOT_FOUND
    assert not Initiative.objects.filter(title="Smuggel").exists()


def test_lifecycle_actions_in_admin_are_refused_for_the_wrong_role(client, town, cases):
    case = cases["decision"]
    client.force_login(town.handlaggare)
    response = client.post(
        reverse("admin:initiatives_initiative_decision", args=[case.pk]),
        {"meeting_date": "2026-11-02", "paragraph": 5, "outcome": "approved", "decision_text": "x"},
    )
    assert response.status_code == FORBIDDEN
    case.refresh_from_db()
    assert case.status == "decision"


def test_refused_transition_in_admin_shows_a_message_and_changes_nothing(client, town, cases):
    case = cases["decision"]
    client.force_login(town.handlaggare)
    response = client.post(
        reverse("admin:initiatives_initiative_action", args=[case.pk, "start_assessment"]),
        follow=True,
    )
    assert response.status_code == OK
    text = response.content.decode()
    assert "kan inte gå till" in text
    case.refresh_from_db()
    assert case.status == "decision"


@pytest.mark.parametrize(
    ("role", "can_handle", "can_decide", "can_export"),
    [
        ("member", False, False, False),
        ("handlaggare", True, False, False),
        ("handlaggare_amf", False, False, False),
        ("secretary", True, True, True),
        ("superuser", True, True, True),
    ],
)
def test_policy_table(town, cases, role, can_handle, can_decide, can_export):
    user, case = getattr(town, role), cases["decision"]
    assert permissions.can_handle_case(user, case) is can_handle
    assert decision_permissions.can_record_decision(user, case) is can_decide
    assert decision_permissions.can_export_documents(user, case) is can_export


def test_handlaggare_records_the_assessment_in_the_admin_through_the_service(client, town):
    case = town.in_assessment()
    assessment = case.assessment
    answers = list(assessment.answers.order_by("criterion__position"))
    data = {
        "recommendation": "iop",
        "summary": "Sammanfattning från admin.",
        "considerations": "Synpunkter.",
        "answers-TOTAL_FORMS": len(answers),
        "answers-INITIAL_FORMS": len(answers),
        "answers-MIN_NUM_FORMS": 0,
        "answers-MAX_NUM_FORMS": 1000,
        "revisions-TOTAL_FORMS": 0,
        "revisions-INITIAL_FORMS": 0,
        "_save": "Spara",
    }
    for i, answer in enumerate(answers):
        data |= {
            f"answers-{i}-id": answer.pk,
            f"answers-{i}-assessment": assessment.pk,
            f"answers-{i}-verdict": "fulfilled" if i else "unclear",
            f"answers-{i}-motivation": "" if i else "Behöver utredas i dialogen.",
        }
    client.force_login(town.handlaggare)
    url = reverse("admin:assessments_assessment_change", args=[assessment.pk])
    response = client.post(url, data)
    assert response.status_code == REDIRECT, response.content.decode()[:2000]
    assessment.refresh_from_db()
    assert assessment.summary == "Sammanfattning från admin."
    first = assessment.answers.order_by("criterion__position").first()
    assert (first.verdict, first.motivation) == ("unclear", "Behöver utredas i dialogen.")
    assert assessment.history.first().history_user == town.handlaggare

    # Four eyes: a colleague approves, then the case can move on.
    client.force_login(town.colleague)
    client.post(reverse("admin:assessments_assessment_approve", args=[assessment.pk]))
    client.post(reverse("admin:assessments_assessment_complete", args=[assessment.pk]))
    case.refresh_from_db()
    assert case.status == "agreement"
    # Completed: a further post changes nothing.
    client.post(url, data | {"summary": "Ändrad efteråt"})
    assessment.refresh_from_db()
    assert assessment.summary == "Sammanfattning från admin."


def test_sent_reminders_in_the_admin_are_scoped_to_the_forvaltning(client, town):
    import datetime

    town.active()
    reminder_services.reminders_send_due(today=datetime.date(2027, 6, 25))
    url = reverse("admin:reminders_sentreminder_changelist")
    client.force_login(town.handlaggare)
    assert client.get(url).context["cl"].result_count == 2
    client.force_login(town.handlaggare_amf)
    assert client.get(url).context["cl"].result_count == 0


ORGANISATION_FORM = {
    "name": "Personalens förening",
    "legal_form": "ideell_forening",
    "street_address": "Storgatan 1",
    "postal_code": "111 22",
    "city": "Demostad",
    "contact_name": "Kim Kontakt",
    "contact_email": "kim@forening.example",
    "contact_phone": "070-123 45 67",
}


@pytest.mark.parametrize("role", ["handlaggare", "secretary", "superuser"])
def test_a_staff_account_neither_creates_nor_represents_an_organisation(client, town, role):
    """A staff account could create an organisation on the member pages, and so become its
    firmatecknare and submit cases to its own förvaltning, although it may not accept an
    invitation to one. Both pages now refuse it, and so does the service."""
    from django.core.exceptions import PermissionDenied

    from organisations import services as org_services
    from organisations.models import Membership

    user = getattr(town, role)
    data = ORGANISATION_FORM | {"org_number": factories.org_number()}
    client.force_login(user)
    assert client.get(reverse("initiatives:organisation_create")).status_code == FORBIDDEN
    assert client.post(reverse("initiatives:organisation_create"), data).status_code == FORBIDDEN
    assert client.get(reverse("initiatives:create")).status_code == FORBIDDEN
    with pytest.raises(PermissionDenied):
        org_services.organisation_create(by=user, **data)
    assert not Membership.objects.filter(user=user).exists()

    # An organisation member still creates one.
    client.force_login(town.member)
    data["org_number"] = factories.org_number()
    assert client.post(reverse("initiatives:organisation_create"), data).status_code == REDIRECT
    assert Membership.objects.filter(user=town.member, organisation__name=data["name"]).exists()
