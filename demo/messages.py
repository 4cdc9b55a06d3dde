"""Demo data of the case: a message each way on an active case, a draft left mid-wizard."""

from initiatives import message_services, services
from initiatives.models import Initiative, Status


def _cases(kommun):
    return Initiative.objects.filter(forvaltning__kommun=kommun).select_related(
        "organisation", "handlaggare", "forvaltning"
    )


def messages_demo_add(*, kommun) -> None:
    """Two messages on the demo kommun's first active case, through the service."""
    active = _cases(kommun).filter(status=Status.ACTIVE).order_by("pk").first()
    member = active.organisation.members.order_by("pk").first()
    message_services.message_send(
        initiative=active,
        by=member,
        body="Hej! Vi vill gärna flytta höstens uppstartsträff en vecka. Går det bra?",
    )
    message_services.message_send(
        initiative=active,
        by=active.handlaggare,
        body="Hej! Det går bra. Skriv gärna det nya datumet i delrapporten.",
    )


def draft_demo_add(*, kommun) -> None:
    """A draft left in the middle of the wizard, at the step about the activity."""
    submitted = _cases(kommun).filter(status=Status.SUBMITTED).order_by("pk").first()
    draft_member = submitted.organisation.members.order_by("pk").first()
    draft = services.initiative_save_draft(
        by=draft_member,
        organisation=submitted.organisation,
        forvaltning=submitted.forvaltning,
        title="Samtalsgrupper för unga i skyddat boende",
        challenge="Unga som bor i skyddat boende med sina mammor saknar någon att prata med "
        "om det de varit med om.",
        target_group="Barn och unga 10–18 år i skyddat boende.",
    )
    services.draft_progress_record(initiative=draft, step="verksamhet")
