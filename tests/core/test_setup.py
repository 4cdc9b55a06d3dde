"""Settings, validators, roles and demo data: the foundation every page stands on."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command

from accounts.models import Forvaltning, User
from core.templatetags.iop_format import format_kronor
from initiatives.models import Initiative, Status
from organisations import permissions
from organisations.models import Invitation, Membership
from organisations.validators import normalise_org_number


def test_check_deploy_with_production_settings_reports_nothing():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"} | {
        "DJANGO_ENV": "production",
        "SECRET_KEY": "k" * 30 + "Q9!xR2@vL7#pW4$zT8%nB1^mC6&hJ3*",
        "ALLOWED_HOSTS": "iop.kommun.example",
        "DATABASE_URL": "postgres://iop@127.0.0.1:5432/iop",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "EMAIL_HOST": "smtp.kommun.example",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env |= {"DJANGO_ENV": "production", "ALLOWED_HOSTS": "x", "DATABASE_URL": "postgres://a@b/c"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("802002-4280", "802002-4280"),
        ("8020024280", "802002-4280"),
        (" 802002 4280 ", "802002-4280"),
    ],
)
def test_valid_org_numbers_are_normalised(raw, expected):
    assert normalise_org_number(raw) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("802002-4281", "kontrollsiffran"),
        ("800101-1234", "personnummer"),
        ("12345", "tio siffror"),
        ("80200A-4280", "tio siffror"),
    ],
)
def test_invalid_org_numbers_get_a_swedish_explanation(raw, message):
    with pytest.raises(ValidationError) as error:
        normalise_org_number(raw)
    assert message in error.value.messages[0]


def test_amounts_are_written_the_swedish_way():
    assert format_kronor(534000) == "534\u00a0000\u00a0kr"
    assert format_kronor(0) == "0\u00a0kr"
    assert format_kronor(None) == ""


@pytest.mark.django_db
def test_demo_data_loads_once_and_walks_the_lifecycle():
    from ..factories import criteria_sets_ensure

    criteria_sets_ensure()
    call_command("load_demo_data", verbosity=0)
    counts = (User.objects.count(), Initiative.objects.count(), Forvaltning.objects.count())
    call_command("load_demo_data", verbosity=0)
    assert (User.objects.count(), Initiative.objects.count(), Forvaltning.objects.count()) == counts
    by_title = dict(Initiative.objects.values_list("title", "status"))
    assert by_title["Duo Stockholm"] == Status.ACTIVE
    assert by_title["Svenska med baby"] == Status.ACTIVE
    assert by_title["Medpratare"] == Status.ACTIVE
    assert by_title["Crossroads – stöd till utsatta EU-medborgare"] == Status.ASSESSMENT
    assert by_title["Stödlinje och skyddat boende för våldsutsatta kvinnor"] == Status.SUBMITTED
    assert {f.name for f in Forvaltning.objects.all()} == {
        "Socialförvaltningen",
        "Arbetsmarknadsförvaltningen",
        "Utbildningsförvaltningen",
    }
    # The organisation's side: one person in two organisations, a kontaktperson, an invitation.
    elsa = User.objects.get(username="elsa")
    assert sorted(
        Membership.objects.current().filter(user=elsa).values_list("organisation__name", "role")
    ) == [
        ("Demostads idrottsförening", Membership.Role.FIRMATECKNARE),
        ("Individuell Människohjälp", Membership.Role.KONTAKTPERSON),
    ]
    assert (
        permissions.membership_role(
            User.objects.get(username="olle"),
            elsa.organisations.get(name="Individuell Människohjälp"),
        )
        == Membership.Role.KONTAKTPERSON
    )
    assert [i.email for i in Invitation.objects.all() if i.is_pending] == [
        "ny.volontar@imh.example"
    ]
    # The organisation's side: a message exchange, a submitted report, a draft left mid-wizard.
    from initiatives.models import CaseMessage, DraftProgress
    from term.models import FollowUpReport

    assert sorted(CaseMessage.objects.values_list("from_staff", flat=True)) == [False, True]
    assert FollowUpReport.objects.filter(participants_reached=48).count() == 1
    # The term: goals on the seed agreements; one active partnership with an accepted report,
    # one with a report date past and nothing sent in.
    from agreements.models import AgreementGoal, ReportDate
    from term import report_selectors
    from term.report_selectors import ReportStatus

    assert AgreementGoal.objects.filter(
        agreement__initiative__title="Duo Stockholm", target__startswith="200 möten"
    ).exists()
    statuses = {
        (rd.agreement.initiative.title, report_selectors.status_of(rd))
        for rd in report_selectors.with_review_state(
            ReportDate.objects.select_related("agreement__initiative")
        )
    }
    assert ("Duo Stockholm", ReportStatus.ACCEPTED) in statuses
    assert ("Svenska med baby", ReportStatus.OVERDUE) in statuses
    progress = DraftProgress.objects.select_related("initiative").get()
    assert progress.step == "verksamhet" and progress.initiative.status == Status.DRAFT
    # The handläggare's queue is filled too: an assigned case with a dialogue meeting and a
    # bevakning, and a case registered from a letter that waits for a handläggare.
    kvinnojour = Initiative.objects.get(title__startswith="Stödlinje")
    assert kvinnojour.handlaggare.username == "handlaggare.sof"
    assert kvinnojour.dialogue_meetings.count() == 1
    assert kvinnojour.watch_dates.filter(done_at__isnull=True).count() == 1
    paper = Initiative.objects.get(received_via="post")
    assert paper.status == Status.SUBMITTED and paper.handlaggare is None
    assert paper.diarienummer.startswith("UTF ")
    secretary = User.objects.get(username="sekreterare.amf")
    assert secretary.has_perm("initiatives.record_decision")
    assert not User.objects.get(username="handlaggare.amf").has_perm("initiatives.record_decision")


def test_genitive_follows_swedish_spelling():
    from core.templatetags.iop_format import genitive

    assert genitive("Socialnämnden") == "Socialnämndens"
    assert genitive("Kommunstyrelsen KS") == "Kommunstyrelsen KS"


@pytest.mark.django_db
def test_demo_data_has_a_case_at_every_stage_and_publishes_the_partnerships():
    from agreements.models import Agreement

    from ..factories import criteria_sets_ensure

    criteria_sets_ensure()
    call_command("load_demo_data", verbosity=0)
    statuses = sorted(Initiative.objects.values_list("status", flat=True))
    for status in Status:
        assert status in statuses, status
    assert Initiative.objects.count() == 17  # with the nämnd meeting's three cases
    # Evaluated with outcome förnya: the renewal is its own case, in assessment.
    evaluated = Initiative.objects.get(status=Status.CLOSED)
    renewal = Initiative.objects.get(renews=evaluated)
    assert renewal.status == Status.ASSESSMENT
    assert evaluated.evaluation.goals.count() == 2
    # Its reports were accepted before the case closed: none waits for a review nobody can end.
    from term.models import FollowUpReport
    from term.report_selectors import ReportStatus, report_view

    reports = FollowUpReport.objects.filter(report_date__agreement__initiative=evaluated)
    assert reports.exists()
    assert {report_view(report=r).status for r in reports} == {ReportStatus.ACCEPTED}
    terminated = Initiative.objects.get(status=Status.TERMINATED)
    assert terminated.agreement.termination.repayment_sek == 40000
    published = Agreement.objects.filter(publishable=True)
    assert sorted(published.values_list("initiative__status", flat=True)) == sorted(
        [Status.ACTIVE] * 3 + [Status.CLOSED, Status.TERMINATED]
    )
