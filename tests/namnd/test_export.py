"""The batch export: ordered by the secretary, built by the Celery task (run in-process here;
tests/worker runs it on a real worker), its progress on the job row, the ZIP's parts."""

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from namnd import export_services
from namnd.models import ExportJob

from .meeting_data import meeting

pytestmark = pytest.mark.django_db


def test_the_justerat_protokoll_with_every_utdrag_as_one_zip(
    town, django_capture_on_commit_callbacks
):
    sammantrade = meeting(town, cases=3)
    with django_capture_on_commit_callbacks(execute=True):
        job = export_services.export_order(
            meeting=sammantrade, by=town.secretary, kind=ExportJob.Kind.PROTOKOLL
        )
    job.refresh_from_db()
    assert job.state == ExportJob.State.DONE and (job.done, job.total) == (4, 4)
    assert job.percent == 100 and job.finished_at is not None
    with zipfile.ZipFile(io.BytesIO(job.file.open("rb").read())) as archive:
        assert archive.namelist() == [
            "protokoll-2026-11-02.pdf",
            "protokollsutdrag-2026-11-02-p14.pdf",
            "protokollsutdrag-2026-11-02-p15.pdf",
            "protokollsutdrag-2026-11-02-p16.pdf",
        ]
        assert all(archive.read(n).startswith(b"%PDF-") for n in archive.namelist())


def test_the_protokoll_export_is_refused_before_justering_and_to_a_handlaggare(town):
    sammantrade = meeting(town, cases=1, justerat=False)
    with pytest.raises(ValidationError, match="när det är justerat"):
        export_services.export_order(
            meeting=sammantrade, by=town.secretary, kind=ExportJob.Kind.PROTOKOLL
        )
    with pytest.raises(PermissionDenied):
        export_services.export_order(
            meeting=sammantrade, by=town.handlaggare, kind=ExportJob.Kind.KALLELSE
        )
    assert not ExportJob.objects.exists()


def test_the_progress_page_and_its_json_read_the_job_row(town, client, django_assert_num_queries):
    sammantrade = meeting(town, cases=1, justerat=False)
    job = ExportJob.objects.create(
        sammantrade=sammantrade, kind="kallelse", created_by=town.secretary, done=1, total=4
    )
    client.force_login(town.secretary)
    page = client.get(reverse("admin:namnd_sammantrade_export", args=[sammantrade.pk, job.pk]))
    assert page.status_code == 200
    assert 'value="25"' in page.content.decode()
    url = reverse("admin:namnd_sammantrade_export_status", args=[sammantrade.pk, job.pk])
    client.get(url)  # warm the session and permission caches
    with django_assert_num_queries(6):
        status = client.get(url).json()
    assert status == {
        "state": "queued",
        "label": "I kö",
        "done": 1,
        "total": 4,
        "percent": 25,
        "error": "",
    }
    download = reverse("admin:namnd_sammantrade_export_download", args=[sammantrade.pk, job.pk])
    assert client.get(download).status_code == 404  # not done yet


def test_the_meeting_page_offers_the_documents_and_the_export(town, client):
    sammantrade = meeting(town, cases=1)
    client.force_login(town.secretary)
    page = client.get(reverse("admin:namnd_sammantrade_change", args=[sammantrade.pk]))
    html = page.content.decode()
    for name in ("kallelse", "protokoll", "export_order"):
        assert reverse(f"admin:namnd_sammantrade_{name}", args=[sammantrade.pk]) in html
    paragraf = sammantrade.paragrafer.get()
    assert reverse("admin:namnd_sammantrade_expediera", args=[sammantrade.pk, paragraf.pk]) in html
    assert "Exportera protokollet med alla utdrag (ZIP)" in html
