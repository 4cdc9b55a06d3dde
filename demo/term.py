"""Demo data of the term: the mid-term report on the demo kommun's first active case."""

from agreements.models import Contribution, Party, ReportDate
from initiatives.models import Initiative, Status
from term import services


def term_demo_add(*, kommun) -> None:
    """Submit the first report of the first active case, through the service, as its member."""
    active = (
        Initiative.objects.filter(forvaltning__kommun=kommun, status=Status.ACTIVE)
        .select_related("organisation")
        .order_by("pk")
        .first()
    )
    member = active.organisation.members.order_by("pk").first()
    report_date = ReportDate.objects.filter(agreement__initiative=active).earliest("due_date")
    # Half of the year's money used by the mid-term report; nothing yet of later years'.
    lines = Contribution.objects.filter(agreement__initiative=active, party=Party.MUNICIPALITY)
    services.report_submit(
        report_date=report_date,
        by=member,
        activities_done="Tolv träffar med i snitt femton deltagare. Uppstartsträffen flyttades en "
        "vecka efter överenskommelse med förvaltningen.",
        participants_reached=48,
        deviations="Uppstarten flyttades en vecka.",
        money_used={
            c.pk: c.amount_sek // 2 if c.year == report_date.due_date.year else 0 for c in lines
        },
    )
