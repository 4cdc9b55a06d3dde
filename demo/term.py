"""Demo data of the term: goals on the seed agreements, an accepted report and an overdue one."""

from agreements.models import AgreementGoal, Contribution, Party, ReportDate
from initiatives.models import Initiative, Status
from term import report_services, services

# The goals each seed partnership's agreement states (seed 000's example and its like).
GOALS = {
    "Duo Stockholm": [
        {
            "goal": "Fler möten mellan nyanlända och etablerade stockholmare",
            "indicator": "Antal möten i par under året",
            "target": "200 möten mellan nyanlända och etablerade stockholmare",
        },
        {
            "goal": "Deltagarna får ett större kontaktnät",
            "indicator": "Andel deltagare som svarar ja i uppföljningsenkäten",
            "target": "75 %",
        },
    ],
    "Svenska med baby": [
        {
            "goal": "Föräldralediga nyanlända övar svenska i vardagen",
            "indicator": "Antal deltagande föräldrar",
            "target": "60 föräldrar",
        },
    ],
    "Medpratare": [
        {
            "goal": "Nyanlända får samtalsträning på svenska",
            "indicator": "Antal samtalstillfällen",
            "target": "150 samtal",
        },
    ],
}


def term_goals(title: str) -> list[dict] | None:
    """The goals written into the demo agreement of the case titled `title`, if any."""
    return GOALS.get(title)


def term_demo_add(*, kommun) -> None:
    """The first active case reports and staff accept it; the second's mid-term report date
    has passed with no report (overdue). Through the services, as the member and handläggare."""
    active, _overdue, *_rest = (
        Initiative.objects.filter(forvaltning__kommun=kommun, status=Status.ACTIVE)
        .select_related("organisation", "handlaggare")
        .order_by("pk")
    )
    member = active.organisation.members.order_by("pk").first()
    report_date = ReportDate.objects.filter(agreement__initiative=active).earliest("due_date")
    # Half of the year's money used by the mid-term report; nothing yet of later years'.
    lines = Contribution.objects.filter(agreement__initiative=active, party=Party.MUNICIPALITY)
    report = services.report_submit(
        report_date=report_date,
        by=member,
        activities_done="Tolv träffar med i snitt femton deltagare. Uppstartsträffen flyttades en "
        "vecka efter överenskommelse med förvaltningen.",
        participants_reached=48,
        deviations="Uppstarten flyttades en vecka.",
        money_used={
            c.pk: c.amount_sek // 2 if c.year == report_date.due_date.year else 0 for c in lines
        },
        goal_answers={
            goal.pk: {"outcome_value": "Halvvägs", "outcome_text": "Enligt plan efter halva året."}
            for goal in AgreementGoal.objects.filter(agreement__initiative=active)
        },
    )
    report_services.report_accept(report=report, by=active.handlaggare)
    # The second active case (`overdue`) is left as it is: its mid-term report date, half-way
    # through a term that began eight months ago, has passed with nothing sent in.
