"""The case's stored next date (Initiative.next_due) follows every input the queue computed it from:
bevakningar, report dates, the end of the term and the case's status."""

import datetime

import pytest
from django.core.management import call_command
from django.db.models import Case, DateField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Least, NullIf
from django.utils import timezone

from agreements import services as agreement_services
from agreements import signing_services
from agreements.models import Agreement, Party, ReportDate, Signature
from decisions import services as decision_services
from decisions.models import Decision
from demo.builder import tjansteutlatande_upprattat_build
from initiatives import next_due, services
from initiatives.models import Initiative, Status, WatchDate
from term import services as term_services
from term.models import Evaluation

from .. import factories

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
NO_DATE = datetime.date(9999, 12, 31)


def stored(case) -> datetime.date | None:
    return Initiative.objects.values_list("next_due", flat=True).get(pk=case.pk)


def computed(today: datetime.date) -> dict[int, datetime.date | None]:
    """Every case's next date as the queue computed it before the column (one annotation)."""
    active = Q(status=Status.ACTIVE)
    watch = WatchDate.objects.filter(initiative=OuterRef("pk"), done_at__isnull=True)
    report = ReportDate.objects.filter(agreement__initiative=OuterRef("pk"), due_date__gte=today)
    term_end = Agreement.objects.filter(initiative=OuterRef("pk")).values("term_end")[:1]
    no_date = Value(NO_DATE)
    annotated = Initiative.objects.annotate(
        computed=NullIf(
            Least(
                Coalesce(Subquery(watch.order_by("due_date").values("due_date")[:1]), no_date),
                Case(
                    When(
                        active,
                        then=Coalesce(
                            Subquery(report.order_by("due_date").values("due_date")[:1]), no_date
                        ),
                    ),
                    default=no_date,
                ),
                Case(When(active, then=Coalesce(Subquery(term_end), no_date)), default=no_date),
                output_field=DateField(),
            ),
            no_date,
        )
    )
    return dict(annotated.values_list("pk", "computed"))


def days(n: int) -> datetime.date:
    return TODAY() + datetime.timedelta(days=n)


def test_a_bevakning_added_and_marked_done_moves_the_date(town):
    case = town.submitted()
    assert stored(case) is None
    later = services.watch_date_add(
        initiative=case, by=town.handlaggare, due_date=days(9), what="B"
    )
    assert stored(case) == days(9)
    sooner = services.watch_date_add(
        initiative=case, by=town.handlaggare, due_date=days(2), what="A"
    )
    assert stored(case) == days(2)
    services.watch_date_complete(watch_date=sooner, by=town.handlaggare)
    assert stored(case) == days(9)
    services.watch_date_complete(watch_date=later, by=town.handlaggare)
    assert stored(case) is None


def _to_active(town, case):
    """Walk a case whose agreement is drafted to an active partnership (as factories.Town does)."""
    agreement = case.agreement
    agreement_services.agreement_submit_for_decision(agreement=agreement, by=town.handlaggare)
    tjansteutlatande_upprattat_build(
        case, writer=town.handlaggare, chef=town.colleague, dated=datetime.date(2026, 10, 19)
    )
    decision_services.decision_record(
        initiative=case,
        by=town.secretary,
        meeting_date=datetime.date(2026, 11, 2),
        paragraph=1,
        outcome=Decision.Outcome.APPROVED,
        decision_text="Socialnämnden godkänner avtalet.",
    )
    for party, name in ((Party.MUNICIPALITY, "Gillis Hammar"), (Party.ORGANISATION, "Kim")):
        signing_services.agreement_sign(
            agreement=agreement,
            by=town.handlaggare,
            party=party,
            name=name,
            place="Demostad",
            signed_on=datetime.date(2026, 11, 2),
            method=Signature.Method.PAPER,
        )


def test_report_dates_created_changed_and_removed_count_once_the_partnership_is_active(town):
    case = town.assessed()
    agreement = agreement_services.agreement_create_draft(initiative=case, by=town.handlaggare)
    # The draft's report dates (created with it) are not yet open: the case is not active.
    assert agreement.report_dates.exists() and stored(case) is None
    mid, final = agreement.report_dates.order_by("due_date")
    agreement_services.agreement_update(
        agreement=agreement,
        by=town.handlaggare,
        report_dates=[
            {"id": final.pk, "due_date": final.due_date, "description": final.description},
            {"due_date": days(30), "description": "Lägesrapport"},
        ],
    )
    assert stored(case) is None
    case.refresh_from_db()
    _to_active(town, case)
    assert stored(case) == days(30)  # the changed list: the mid-term report date was removed
    assert stored(case) == computed(TODAY())[case.pk]


def test_a_passed_report_date_gives_way_to_the_next_overnight(town):
    case = town.active()
    mid, final = case.agreement.report_dates.order_by("due_date")
    assert stored(case) == mid.due_date
    day_after = mid.due_date + datetime.timedelta(days=1)
    untouched = town.submitted(title="Inget datum")
    assert next_due.initiatives_next_due_passed_refresh(today=mid.due_date) == 0
    assert next_due.initiatives_next_due_passed_refresh(today=day_after) == 1
    assert stored(case) == final.due_date == computed(day_after)[case.pk]
    assert stored(untouched) is None


def test_the_end_of_term_counts_until_the_evaluation_closes_the_case(town):
    case = town.active()
    term_end = case.agreement.term_end
    after = term_end + datetime.timedelta(days=1)
    next_due.initiative_next_due_refresh(initiative=case, today=after)
    assert stored(case) == term_end  # overdue, not gone: the evaluation is still to be made
    term_services.evaluation_record(
        initiative=case,
        by=town.handlaggare,
        goal_fulfilment="Målen nåddes.",
        what_worked="Samarbetet.",
        what_did_not_work="Lokalerna.",
        knowledge_gained="Mycket.",
        outcome=Evaluation.Outcome.END,
        today=after,
    )
    assert stored(case) is None


def test_a_follow_up_report_leaves_the_date_as_it_was_computed(town):
    case = town.active()
    before = stored(case)
    report_date = case.agreement.report_dates.order_by("due_date").first()
    municipality = case.agreement.contributions.filter(party=Party.MUNICIPALITY)
    term_services.report_submit(
        report_date=report_date,
        by=town.member,
        activities_done="Läxhjälp varje vecka.",
        participants_reached=40,
        money_used={c.pk: 1000 for c in municipality},
    )
    assert stored(case) == before == computed(TODAY())[case.pk]


def test_the_column_equals_the_queues_computed_date_for_the_demo_cases():
    factories.criteria_sets_ensure()
    call_command("load_demo_data", verbosity=0)
    expected = computed(TODAY())
    assert any(expected.values())  # the demo has dates to compare
    assert dict(Initiative.objects.values_list("pk", "next_due")) == expected


def test_the_migration_fill_and_the_bulk_refresh_agree_with_the_service(town):
    active = town.active()
    watched = town.submitted(title="Bevakad")
    services.watch_date_add(initiative=watched, by=town.handlaggare, due_date=days(3), what="x")
    Initiative.objects.update(next_due=None)
    assert next_due.initiatives_next_due_refresh() == Initiative.objects.count()
    assert (stored(active), stored(watched)) == (
        computed(TODAY())[active.pk],
        days(3),
    )
