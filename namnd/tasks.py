"""Celery tasks of the nämnd's documents; each calls one service and is safe to run twice."""

from celery import shared_task

from . import export_services


@shared_task(
    name="namnd.tasks.export_build", ignore_result=True, time_limit=900, soft_time_limit=840
)
def export_build(job_id: int) -> None:
    """Build a meeting's export ZIP, recording its progress on the job row."""
    export_services.export_build(job_id=job_id)
