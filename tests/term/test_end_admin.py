"""The admin's read-only pages of the partnership's end: the evaluation with its judgement per
goal, and the early termination; both scoped to the staff of the case's förvaltning."""

import datetime

import pytest
from django.urls import reverse

from agreements.models import AgreementClause, ClauseKind
from term import termination_services
from term.models import EvaluationGoal, Termination

from .test_evaluation_renewal import GOALS, _evaluate, _final_report

pytestmark = pytest.mark.django_db


def _terminated(town, **fields):
    case = town.active(**fields)
    AgreementClause.objects.filter(agreement=case.agreement, kind=ClauseKind.REPAYMENT).delete()
    AgreementClause.objects.create(
        agreement=case.agreement,
        kind=ClauseKind.REPAYMENT,
        position=99,
        heading="Återbetalning",
        text="Medel för verksamhet som inte genomförs betalas tillbaka.",
    )
    return termination_services.agreement_terminate(
        agreement=case.agreement,
        by=town.handlaggare,
        reason="Verksamheten har upphört.",
        date=datetime.date(2027, 6, 30),
        repayment_sek=50000,
    )


def test_the_evaluation_page_shows_the_judgement_of_each_goal(town, client):
    case = town.active(goals=GOALS)
    _final_report(case, town)
    evaluation = _evaluate(case, town)
    client.force_login(town.handlaggare)
    page = client.get(reverse("admin:term_evaluation_change", args=[evaluation.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Fler elever klarar skolan" in html and "Fler läxhjälpare" in html
    assert "Uppnått" in html and "Enligt slutrapporten." in html
    # The person is named, not linked to an account page only the superuser may open.
    assert town.handlaggare.get_full_name() in html and "/admin/accounts/user/" not in html
    # Read, never changed: no input for a judgement.
    assert 'name="goals-0-judgement"' not in html
    assert EvaluationGoal.objects.filter(evaluation=evaluation).count() == 2

    client.force_login(town.handlaggare_amf)
    page = client.get(reverse("admin:term_evaluation_change", args=[evaluation.pk]))
    assert page.status_code == 404


def test_the_termination_is_read_in_the_admin_by_its_own_forvaltning(town, client):
    termination = _terminated(town)
    client.force_login(town.handlaggare)
    listing = client.get(reverse("admin:term_termination_changelist")).content.decode()
    assert termination.agreement.initiative.diarienummer in listing
    assert "50\u00a0000\u00a0kr" in listing
    page = client.get(reverse("admin:term_termination_change", args=[termination.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Verksamheten har upphört." in html and "50\u00a0000\u00a0kr" in html
    assert town.handlaggare.get_full_name() in html and "/admin/accounts/user/" not in html
    assert (
        reverse("admin:initiatives_initiative_change", args=[termination.agreement.initiative_id])
        in html
    )
    # Recorded through the service on the case page, never here.
    assert client.get(reverse("admin:term_termination_add")).status_code == 403
    response = client.post(reverse("admin:term_termination_change", args=[termination.pk]), {})
    assert response.status_code == 403

    client.force_login(town.handlaggare_amf)
    listing = client.get(reverse("admin:term_termination_changelist")).content.decode()
    assert termination.agreement.initiative.diarienummer not in listing
    page = client.get(reverse("admin:term_termination_change", args=[termination.pk]))
    assert page.status_code == 404
    assert Termination.objects.count() == 1


def test_the_case_page_offers_a_reply_only_while_the_case_takes_messages(town, client):
    active = town.active(title="Pågår")
    terminated = _terminated(town, paragraph=2, title="Uppsagt")
    client.force_login(town.handlaggare)

    def reply_link(case):
        page = client.get(reverse("admin:initiatives_initiative_change", args=[case.pk]))
        return reverse("admin:initiatives_casemessage_reply", args=[case.pk]) in (
            page.content.decode()
        )

    assert reply_link(active)
    assert not reply_link(terminated.agreement.initiative)
