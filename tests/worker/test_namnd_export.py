"""The meeting's batch export on a real Celery worker and the test Redis: the job's progress
is in the database while the worker builds the ZIP, which the staff page then hands out."""

import io
import os
import zipfile

import pytest
from django.conf import settings

from namnd import export_services
from namnd.models import ExportJob

from .. import factories
from ..namnd.meeting_data import meeting
from .processes import running, wait_until, worker

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs the test Redis (make test)"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_worker_builds_the_protokoll_export_and_records_its_progress():
    town = factories.Town.create()
    sammantrade = meeting(town, cases=2)
    # Committed at once (no surrounding transaction): the task is sent to the broker.
    job = export_services.export_order(
        meeting=sammantrade, by=town.secretary, kind=ExportJob.Kind.PROTOKOLL
    )
    seen = set()

    def finished():
        row = ExportJob.objects.get(pk=job.pk)
        seen.add((row.state, row.done))
        return row.state in (ExportJob.State.DONE, ExportJob.State.FAILED)

    # The worker writes the ZIP where this test reads it.
    with running(worker("w1", {"MEDIA_ROOT": str(settings.MEDIA_ROOT)})):
        wait_until(finished, timeout=240, step=0.2)
    job.refresh_from_db()
    assert job.state == ExportJob.State.DONE, job.error
    assert (job.done, job.total) == (3, 3)
    assert ("done", 3) in seen
    with zipfile.ZipFile(io.BytesIO(job.file.open("rb").read())) as archive:
        assert archive.namelist() == [
            "protokoll-2026-11-02.pdf",
            "protokollsutdrag-2026-11-02-p14.pdf",
            "protokollsutdrag-2026-11-02-p15.pdf",
        ]
