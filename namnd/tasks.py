"""Celery tasks of the nämnd's documents; each calls one service and is safe to run twice."""

from celery import shared_task

from . import export_services, record_services


@shared_task(
    name="namnd.tasks.export_build", ignore_result=True, time_limit=900, soft_time_limit=840
)
def export_build(job_id: int) -> None:
    """Build a meeting's export ZIP, recording its progress on the job row."""
    export_services.export_build(job_id=job_id)


@shared_task(
    name="namnd.tasks.records_store", ignore_result=True, time_limit=900, soft_time_limit=840
)
def records_store(meeting_id: int, paragraf_id: int | None = None) -> None:
    """Store the justerat protokoll and its utdrag (or one § justerad omedelbart) once the
    anslag is posted; what is stored already stays as it is."""
    from .models import Paragraf, Sammantrade

    if paragraf_id is not None:
        record_services.paragraf_records_store(paragraf=Paragraf.objects.get(pk=paragraf_id))
    else:
        record_services.protokoll_records_store(sammantrade=Sammantrade.objects.get(pk=meeting_id))
