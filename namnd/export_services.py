"""A meeting's whole set as one ZIP: the kallelse with its bilagor, or the justerat protokoll
with every protokollsutdrag. Ordered by a service, built by a Celery task (namnd.tasks) that
records its progress on the ExportJob row, so the staff page shows it after a reload."""

import io
import zipfile

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User

from . import documents, permissions, record_services
from .models import ExportJob, Sammantrade


@transaction.atomic
def export_order(*, meeting: Sammantrade, by: User, kind: str) -> ExportJob:
    """Queue the export; the task starts after the commit."""
    from . import tasks  # the task module imports this one

    if not permissions.can_manage_meeting(by, meeting):
        raise PermissionDenied
    if kind not in ExportJob.Kind.values:
        raise ValidationError(_("Okänt slag av export."), code="kind")
    if kind == ExportJob.Kind.PROTOKOLL and not meeting.is_justerat:
        raise ValidationError(
            _("Protokollet kan exporteras när det är justerat."), code="not_justerat"
        )
    job = ExportJob.objects.create(sammantrade=meeting, kind=kind, created_by=by)
    transaction.on_commit(lambda: tasks.export_build.delay(job.pk))
    return job


def _progress(job: ExportJob, **fields) -> None:
    ExportJob.objects.filter(pk=job.pk).update(**fields)


def _parts(job: ExportJob):
    """(file name, render) per part of the set, in the order they go into the ZIP."""
    meeting = job.sammantrade
    day = f"{meeting.date:%Y-%m-%d}"
    if job.kind == ExportJob.Kind.KALLELSE:
        yield f"kallelse-{day}.pdf", lambda: documents.kallelse_pdf(sammantrade=meeting)
        return
    yield f"protokoll-{day}.pdf", lambda: record_services.protokoll_document(sammantrade=meeting)
    for paragraf in meeting.paragrafer.filter(number__isnull=False).order_by("number"):
        yield (
            f"protokollsutdrag-{day}-p{paragraf.number}.pdf",
            lambda p=paragraf: record_services.utdrag_document(paragraf=p),
        )


def export_build(*, job_id: int) -> ExportJob:
    """Build the ZIP part by part, saving the progress after each; safe to run again."""
    job = ExportJob.objects.select_related("sammantrade").get(pk=job_id)
    if job.state == ExportJob.State.DONE:
        return job
    parts = list(_parts(job))
    _progress(job, state=ExportJob.State.RUNNING, total=len(parts), done=0, error="")
    buffer = io.BytesIO()
    try:
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for number, (name, render) in enumerate(parts, 1):
                archive.writestr(name, render())
                _progress(job, done=number)
    except ValidationError as error:
        _progress(
            job,
            state=ExportJob.State.FAILED,
            error=" ".join(error.messages),
            finished_at=timezone.now(),
        )
        return ExportJob.objects.get(pk=job.pk)
    except Exception:
        _progress(
            job,
            state=ExportJob.State.FAILED,
            error=_("Exporten misslyckades. Försök igen."),
            finished_at=timezone.now(),
        )
        raise
    job.refresh_from_db()
    job.file.save(f"{job.kind}.zip", ContentFile(buffer.getvalue()), save=False)
    job.state, job.finished_at = ExportJob.State.DONE, timezone.now()
    job.save(update_fields=["file", "state", "finished_at"])
    return job
