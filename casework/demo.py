"""Demo data for the organisation's side: a draft left mid-wizard, messages, a follow-up report."""

from agreements.models import Contribution, Party, ReportDate
from initiatives import services as initiative_services
from initiatives.models import Initiative, Status

from . import services


def casework_demo_add(*, kommun) -> None:
    """Add to the demo kommun's cases, through the services, as its users would."""
    cases = Initiative.objects.filter(forvaltning__kommun=kommun).select_related(
        "organisation", "handlaggare", "forvaltning"
    )
    active = cases.filter(status=Status.ACTIVE).order_by("pk").first()
    member = active.organisation.members.order_by("pk").first()
    services.message_send(
        initiative=active,
        by=member,
        body="Hej! Vi vill gärna flytta höstens uppstartsträff en vecka. Går det bra?",
    )
    services.message_send(
        initiative=active,
        by=active.handlaggare,
        body="Hej! Det går bra. Skriv gärna det nya datumet i delrapporten.",
    )
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
    # A draft left in the middle of the wizard, at the step about the activity.
    submitted = cases.filter(status=Status.SUBMITTED).order_by("pk").first()
    draft_member = submitted.organisation.members.order_by("pk").first()
    draft = initiative_services.initiative_save_draft(
        user=draft_member,
        organisation=submitted.organisation,
        forvaltning=submitted.forvaltning,
        title="Samtalsgrupper för unga i skyddat boende",
        challenge="Unga som bor i skyddat boende med sina mammor saknar någon att prata med "
        "om det de varit med om.",
        target_group="Barn och unga 10–18 år i skyddat boende.",
    )
    services.draft_progress_record(initiative=draft, step="verksamhet")
