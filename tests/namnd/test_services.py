"""Each service of the nämnd's meetings, and what each refuses."""

import datetime
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from decisions.models import Decision
from decisions.selectors import tjansteutlatande_upprattat
from initiatives.models import Status
from namnd import justering_services, services
from namnd.models import Paragraf, Rost, Sammantrade, Yttrande
from tests import factories

from . import support

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(town):
    return support.meeting(town)


def test_a_secretary_creates_a_meeting_with_its_people(town, meeting):
    assert meeting.status == Sammantrade.Status.PLANNED
    assert meeting.sekreterare == town.secretary
    assert list(meeting.justerare.all()) == [meeting.justerare_user]


def test_a_handlaggare_cannot_create_a_meeting(town):
    with pytest.raises(PermissionDenied):
        services.meeting_create(
            by=town.handlaggare,
            namnd=town.sof.namnd,
            date=datetime.date(2026, 11, 2),
            time=datetime.time(13),
            place="Stadshuset",
        )


def test_the_secretary_of_another_namnd_cannot_create_a_meeting(town):
    with pytest.raises(PermissionDenied):
        services.meeting_create(
            by=town.secretary,
            namnd=town.amf.namnd,
            date=datetime.date(2026, 11, 2),
            time=datetime.time(13),
            place="Stadshuset",
        )


def test_the_ordforande_is_not_also_a_justerare(town):
    ordforande, _justerare = support.people(town)
    with pytest.raises(ValidationError, match="Ordföranden justerar redan"):
        support.meeting(town, ordforande=ordforande, justerare=ordforande)


def test_members_are_added_once(town, meeting):
    members = support.members(meeting, town.secretary)
    assert [m.order for m in members] == [1, 2, 3, 4]
    with pytest.raises(ValidationError, match="finns redan med"):
        services.meeting_member_add(
            meeting=meeting, by=town.secretary, name="Bertil Berg", party="M"
        )


def test_a_listed_case_is_prefilled_from_its_tjansteutlatande(town, meeting):
    paragraf = support.listed(town, meeting)
    tu = tjansteutlatande_upprattat(initiative=paragraf.initiative)
    assert paragraf.beslut_points == tu.forslag_till_beslut_points != []
    assert paragraf.arendet == (
        "Förvaltningen har redovisat ärendet i ett tjänsteutlåtande daterat "
        f"{tu.upprattad_on:%Y-%m-%d}."
    )
    assert paragraf.tjansteutlatande_date == tu.upprattad_on
    assert paragraf.number is None and paragraf.order == 1


def test_a_case_without_an_upprattat_tjansteutlatande_is_refused(town, meeting):
    case = town.for_decision()
    # The walker upprättar one for every case for decision; here the case has none yet.
    with (
        mock.patch.object(services.decision_selectors, "tjansteutlatande_upprattat") as tu,
        pytest.raises(ValidationError, match="tjänsteutlåtande är inte upprättat"),
    ):
        tu.return_value = None
        services.agenda_item_add(meeting=meeting, by=town.secretary, initiative=case)


def test_a_case_not_for_decision_is_refused(town, meeting):
    case = town.assessed()
    support.tu_upprattad(case)
    with pytest.raises(ValidationError, match="bara ärenden som ligger för beslut"):
        services.agenda_item_add(meeting=meeting, by=town.secretary, initiative=case)


def test_a_case_of_another_namnd_and_a_case_twice_are_refused(town, meeting):
    paragraf = support.listed(town, meeting)
    with pytest.raises(ValidationError, match="redan på föredragningslistan"):
        services.agenda_item_add(meeting=meeting, by=town.secretary, initiative=paragraf.initiative)
    other = services.meeting_create(
        by=town.superuser,
        namnd=town.amf.namnd,
        date=meeting.date,
        time=datetime.time(9),
        place="Arbetsmarknadshuset",
    )
    with pytest.raises(ValidationError, match="annan nämnd"):
        services.agenda_item_add(meeting=other, by=town.superuser, initiative=paragraf.initiative)


def test_the_secretary_orders_the_list_then_numbers_run_through_the_year(town, meeting):
    first, second, third = (support.listed(town, meeting) for _ in range(3))
    services.agenda_reorder(
        meeting=meeting, by=town.secretary, order=[third.pk, first.pk, second.pk]
    )
    services.paragraf_numbers_assign(meeting=meeting, by=town.secretary)
    numbers = dict(meeting.paragrafer.values_list("pk", "number"))
    assert [numbers[p.pk] for p in (third, first, second)] == [1, 2, 3]
    # The next meeting of the year goes on from § 4.
    later = support.meeting(
        town,
        ordforande=meeting.ordforande_user,
        justerare=meeting.justerare_user,
        date=datetime.date(2026, 11, 20),
    )
    p = support.listed(town, later)
    services.paragraf_numbers_assign(meeting=later, by=town.secretary)
    p.refresh_from_db()
    assert (p.year, p.number) == (2026, 4)
    with pytest.raises(ValidationError, match="redan numrerade"):
        services.agenda_reorder(
            meeting=meeting, by=town.secretary, order=[first.pk, second.pk, third.pk]
        )
    with pytest.raises(ValidationError, match="inga onumrerade"):
        services.paragraf_numbers_assign(meeting=meeting, by=town.secretary)


def test_a_reorder_must_name_each_item_once(town, meeting):
    first, _second = support.listed(town, meeting), support.listed(town, meeting)
    with pytest.raises(ValidationError, match="varje ärende"):
        services.agenda_reorder(meeting=meeting, by=town.secretary, order=[first.pk, first.pk])


def test_the_database_keeps_a_number_unique_in_the_namnds_year(town, meeting):
    first, second = support.listed(town, meeting), support.listed(town, meeting)
    Paragraf.objects.filter(pk=first.pk).update(year=2026, number=7)
    with pytest.raises(IntegrityError), transaction.atomic():
        Paragraf.objects.filter(pk=second.pk).update(year=2026, number=7)


def test_deciding_bifall_writes_the_cases_decision(town, meeting):
    paragraf = support.listed(town, meeting)
    services.paragraf_numbers_assign(meeting=meeting, by=town.secretary)
    paragraf.refresh_from_db()
    services.paragraf_update(
        paragraf=paragraf,
        by=town.secretary,
        beslut_points=["Socialnämnden godkänner avtalet.", ""],
        arendet=paragraf.arendet,
        beslutsgang="Ordföranden ställer proposition på förvaltningens förslag.",
        justerad_omedelbart=True,
    )
    services.paragraf_decide(paragraf=paragraf, by=town.secretary, outcome="bifall")
    paragraf.refresh_from_db()
    decision = paragraf.decision
    assert decision.outcome == Decision.Outcome.APPROVED
    assert decision.paragraph == paragraf.number
    assert decision.meeting_date == meeting.date
    assert decision.decision_text == "1. Socialnämnden godkänner avtalet."
    assert decision.adjusted_immediately
    assert paragraf.initiative.status == Status.SIGNING
    meeting.refresh_from_db()
    assert meeting.status == Sammantrade.Status.HELD
    with pytest.raises(ValidationError, match="redan fattat"):
        services.paragraf_update(
            paragraf=paragraf, by=town.secretary, beslut_points=["x"], arendet=""
        )
    with pytest.raises(ValidationError, match="redan registrerat"):
        services.paragraf_decide(paragraf=paragraf, by=town.secretary, outcome="avslag")


@pytest.mark.parametrize(
    ("outcome", "decision", "status"),
    [
        ("avslag", Decision.Outcome.REJECTED, Status.DECLINED),
        ("aterremiss", Decision.Outcome.RETURNED, Status.AGREEMENT),
        ("bordlaggning", None, Status.DECISION),
    ],
)
def test_the_other_outcomes(town, meeting, outcome, decision, status):
    paragraf = support.decided(town, meeting, outcome)
    assert (paragraf.decision.outcome if paragraf.decision else None) == decision
    paragraf.initiative.refresh_from_db()
    assert paragraf.initiative.status == status


def test_a_decision_needs_a_number(town, meeting):
    paragraf = support.listed(town, meeting)
    with pytest.raises(ValidationError, match="paragrafnummer"):
        services.paragraf_decide(paragraf=paragraf, by=town.secretary, outcome="bifall")


def test_yrkanden_yttranden_jav_and_an_omrostning(town, meeting):
    anna, bertil, cecilia, dan = support.members(meeting, town.secretary)
    paragraf = support.listed(town, meeting)
    services.yrkande_add(paragraf=paragraf, by=town.secretary, ledamot=bertil, text="Avslag.")
    services.yttrande_add(
        paragraf=paragraf,
        by=town.secretary,
        kind=Yttrande.Kind.RESERVATION,
        ledamoter=[bertil],
        text="Vi reserverar oss mot beslutet.",
    )
    services.jav_add(paragraf=paragraf, by=town.secretary, ledamot=cecilia)
    with pytest.raises(ValidationError, match="redan antecknad"):
        services.jav_add(paragraf=paragraf, by=town.secretary, ledamot=cecilia)
    with pytest.raises(ValidationError, match="jävig"):
        services.omrostning_add(
            paragraf=paragraf, by=town.secretary, question="Ja för bifall", votes={cecilia: "ja"}
        )
    services.omrostning_add(
        paragraf=paragraf,
        by=town.secretary,
        question="Ja för förvaltningens förslag, nej för avslag",
        votes={anna: "ja", bertil: "nej", dan: "avstar"},
        result="Nämnden har beslutat enligt förvaltningens förslag.",
    )
    assert sorted(Rost.objects.values_list("vote", flat=True)) == ["avstar", "ja", "nej"]
    assert paragraf.yttranden.get().ledamoter.get() == bertil
    with pytest.raises(ValidationError, match="redan registrerad"):
        services.omrostning_add(
            paragraf=paragraf, by=town.secretary, question="Igen", votes={anna: "ja"}
        )


def test_a_member_of_another_meeting_cannot_be_named(town, meeting):
    paragraf = support.listed(town, meeting)
    other = support.meeting(
        town, ordforande=meeting.ordforande_user, justerare=meeting.justerare_user
    )
    stranger = support.members(other, town.secretary)[0]
    with pytest.raises(ValidationError, match="inte med på sammanträdet"):
        services.yrkande_add(paragraf=paragraf, by=town.secretary, ledamot=stranger, text="x")
    with pytest.raises(ValidationError, match="vilka ledamöter"):
        services.yttrande_add(
            paragraf=paragraf, by=town.secretary, kind="reservation", ledamoter=[], text="x"
        )


def test_justering_by_the_ordforande_and_the_justerare(town, meeting):
    paragraf = support.decided(town, meeting)
    first = justering_services.justering_confirm(meeting=meeting, by=meeting.ordforande_user)
    assert first.role == "ordforande" and first.name == "Ordforande Testsson"
    meeting.refresh_from_db()
    assert not meeting.is_justerat
    with pytest.raises(ValidationError, match="redan justerat"):
        justering_services.justering_confirm(meeting=meeting, by=meeting.ordforande_user)
    justering_services.justering_confirm(meeting=meeting, by=meeting.justerare_user)
    meeting.refresh_from_db()
    paragraf.refresh_from_db()
    assert meeting.is_justerat and meeting.justerad_on is not None
    assert paragraf.justerad_on == meeting.justerad_on
    with pytest.raises(ValidationError, match="redan justerat"):
        justering_services.justering_confirm(meeting=meeting, by=meeting.justerare_user)


def test_only_the_ordforande_and_justerare_justerar(town, meeting):
    support.decided(town, meeting)
    for user in (town.secretary, town.handlaggare, factories.user(staff=True)):
        with pytest.raises(PermissionDenied):
            justering_services.justering_confirm(meeting=meeting, by=user)


def test_an_undecided_protokoll_is_not_justerat(town, meeting):
    support.listed(town, meeting)
    with pytest.raises(ValidationError, match="registrerat beslut"):
        justering_services.justering_confirm(meeting=meeting, by=meeting.ordforande_user)


def test_a_justerat_protokoll_cannot_change(town, meeting):
    support.members(meeting, town.secretary)
    paragraf = support.decided(town, meeting)
    support.justerat(town, meeting)
    paragraf.refresh_from_db()
    ledamot = meeting.ledamoter.first()
    refusals = [
        lambda: services.paragraf_update(
            paragraf=paragraf, by=town.secretary, beslut_points=["Ändrat."], arendet=""
        ),
        lambda: services.yrkande_add(
            paragraf=paragraf, by=town.secretary, ledamot=ledamot, text="Sent."
        ),
        lambda: services.yttrande_add(
            paragraf=paragraf,
            by=town.secretary,
            kind="protokollsanteckning",
            ledamoter=[ledamot],
            text="Sent.",
        ),
        lambda: services.jav_add(paragraf=paragraf, by=town.secretary, ledamot=ledamot),
        lambda: services.agenda_item_remove(paragraf=paragraf, by=town.secretary),
        lambda: services.meeting_member_add(
            meeting=meeting, by=town.secretary, name="Ny", party="C"
        ),
        lambda: services.paragraf_numbers_assign(meeting=meeting, by=town.secretary),
    ]
    for refused in refusals:
        with pytest.raises(ValidationError, match="justera"):
            refused()
    # A § cannot be added to a justerat protokoll.
    case = town.for_decision()
    support.tu_upprattad(case)
    with pytest.raises(ValidationError, match="justerat"):
        services.agenda_item_add(meeting=meeting, by=town.secretary, initiative=case)
    # The model refuses as well, for a script that goes around the services.
    paragraf.arendet = "Ändrat i efterhand."
    with pytest.raises(ValidationError, match="justerat"):
        paragraf.save()


def test_a_paragraf_justerad_omedelbart_is_justerad_on_its_own(town, meeting):
    paragraf = support.listed(town, meeting)
    other = support.listed(town, meeting)
    services.paragraf_numbers_assign(meeting=meeting, by=town.secretary)
    paragraf.refresh_from_db()
    services.paragraf_update(
        paragraf=paragraf,
        by=town.secretary,
        beslut_points=paragraf.beslut_points,
        arendet=paragraf.arendet,
        justerad_omedelbart=True,
    )
    services.paragraf_decide(paragraf=paragraf, by=town.secretary, outcome="bifall")
    other.refresh_from_db()
    with pytest.raises(ValidationError, match="justeras med protokollet"):
        justering_services.justering_confirm(
            meeting=meeting, by=meeting.ordforande_user, paragraf=other
        )
    for user in (meeting.ordforande_user, meeting.justerare_user):
        justering_services.justering_confirm(meeting=meeting, by=user, paragraf=paragraf)
    paragraf.refresh_from_db()
    meeting.refresh_from_db()
    assert paragraf.is_justerad and not meeting.is_justerat
    anslag = justering_services.anslag_publish(
        meeting=meeting, by=town.secretary, paragraf=paragraf, kept_at="Stadshuset"
    )
    assert anslag.paragraf == paragraf


def test_anslag_after_justering_for_the_whole_appeal_window(town, meeting):
    support.decided(town, meeting)
    with pytest.raises(ValidationError, match="först när det är justerat"):
        justering_services.anslag_publish(meeting=meeting, by=town.secretary, kept_at="Arkivet")
    support.justerat(town, meeting)
    posted = meeting.justerad_on
    with pytest.raises(ValidationError, match="före justeringen"):
        justering_services.anslag_publish(
            meeting=meeting,
            by=town.secretary,
            kept_at="Arkivet",
            posted_on=posted - datetime.timedelta(days=1),
        )
    with pytest.raises(ValidationError, match="hela överklagandetiden"):
        justering_services.anslag_publish(
            meeting=meeting,
            by=town.secretary,
            kept_at="Arkivet",
            posted_on=posted,
            taken_down_on=posted + datetime.timedelta(days=10),
        )
    with pytest.raises(PermissionDenied):
        justering_services.anslag_publish(meeting=meeting, by=town.handlaggare, kept_at="A")
    anslag = justering_services.anslag_publish(
        meeting=meeting, by=town.secretary, kept_at="Stadshuset, nämndens kansli", posted_on=posted
    )
    assert anslag.taken_down_on > posted + datetime.timedelta(weeks=3)
    with pytest.raises(ValidationError, match="redan anslaget"):
        justering_services.anslag_publish(meeting=meeting, by=town.secretary, kept_at="Arkivet")


def test_the_database_refuses_to_change_a_justerad_paragraf(town, meeting):
    paragraf = support.decided(town, meeting)
    support.justerat(town, meeting)
    with pytest.raises(IntegrityError, match="justerad"), transaction.atomic():
        Paragraf.objects.filter(pk=paragraf.pk).update(arendet="Ändrat med SQL.")
    with pytest.raises(IntegrityError, match="justerad"), transaction.atomic():
        Paragraf.objects.filter(pk=paragraf.pk).delete()
