"""The assessment's admin page with 50 criteria, beside the same page with 1 and the bare reads.

The page should cost the same number of queries whatever the number of criteria (the tests pin
that); this shows what the rows cost in time. Everything made here is rolled back at the end.
"""

from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments import services
from assessments.models import CriteriaSet, Criterion, CriterionAssessment
from initiatives import attachment_services
from tests.factories import Town
from tests.files import pdf_bytes, upload

from .common import paired_timings, report


def _assessment_with(town, n: int):
    criteria_set = CriteriaSet.objects.create(name=f"Bench {n}")
    Criterion.objects.bulk_create(
        Criterion(criteria_set=criteria_set, position=i, text=f"Kriterium {i}", required_for="iop")
        for i in range(1, n + 1)
    )
    services.criteria_set_publish(criteria_set=criteria_set, by=town.superuser)
    town.sof.criteria_set = criteria_set
    town.sof.save(update_fields=["criteria_set"])
    case = town.in_assessment(title=f"Bench {n}")
    files = [
        attachment_services.attachment_add(
            initiative=case, uploaded_file=upload(f"b{i}.pdf", pdf_bytes()), by=town.member
        )
        for i in range(3)
    ]
    assessment = case.assessment
    services.assessment_record(
        assessment=assessment,
        by=town.handlaggare,
        answers={a.criterion_id: ("unclear", "Oklart.") for a in assessment.answers.all()},
        attachments={a.criterion_id: [f.pk for f in files] for a in assessment.answers.all()},
        recommendation="iop",
        summary="Sammanfattning.",
    )
    return assessment


def main() -> None:
    with transaction.atomic():
        town = Town.create()
        client = Client(SERVER_NAME="127.0.0.1")
        client.force_login(town.handlaggare)
        pages = {}
        for n in (1, 50):
            url = reverse(
                "admin:assessments_assessment_change", args=[_assessment_with(town, n).pk]
            )
            assert client.get(url).status_code == 200
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            pages[n] = (url, len(queries))
        assessment_id = int(pages[50][0].rstrip("/").split("/")[-2])

        def bare_reads():
            rows = CriterionAssessment.objects.filter(assessment_id=assessment_id)
            return list(rows.select_related("criterion").prefetch_related("attachments"))

        page_50, page_1 = paired_timings(
            lambda: client.get(pages[50][0]), lambda: client.get(pages[1][0])
        )
        report(
            f"admin page, 50 criteria ({pages[50][1]} queries)",
            page_50,
            baseline_name=f"same page, 1 criterion ({pages[1][1]} queries)",
            baseline_times=page_1,
        )
        page_50, reads = paired_timings(lambda: client.get(pages[50][0]), bare_reads)
        report(
            "admin page, 50 criteria",
            page_50,
            baseline_name="bare reads of the 50 answers",
            baseline_times=reads,
        )
        transaction.set_rollback(True)
