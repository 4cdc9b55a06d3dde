"""The admin case page runs the same queries whatever the number of rows of each kind on it."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from initiatives import attachment_services
from initiatives.models import (
    Attachment,
    CaseAssignment,
    CaseMessage,
    DialogueMeeting,
    DiaryEntry,
    WatchDate,
)

from .. import files

pytestmark = pytest.mark.django_db


def _grow(case, town, n: int, pdf: bytes) -> None:
    """Add n rows of every kind the case page lists: files, meetings, bevakningar, messages,
    assignments and diary entries."""
    for i in range(n):
        attachment = attachment_services.attachment_add(
            initiative=case, uploaded_file=files.upload(f"bilaga-{i}.pdf", pdf), by=town.member
        )
        message = CaseMessage.objects.create(
            initiative=case, author=town.member, from_staff=False, body=f"Meddelande {i}"
        )
        message.attachments.add(attachment)
    today = timezone.localdate()
    DialogueMeeting.objects.bulk_create(
        DialogueMeeting(
            initiative=case,
            held_on=today,
            participants=f"Deltagare {i}",
            challenge_agreed="Utmaningen",
            solution_agreed="Lösningen",
            recorded_by=town.handlaggare,
        )
        for i in range(n)
    )
    WatchDate.objects.bulk_create(
        WatchDate(
            initiative=case,
            due_date=today + datetime.timedelta(days=i + 1),
            what=f"Bevakning {i}",
            responsible=town.handlaggare,
            created_by=town.handlaggare,
        )
        for i in range(n)
    )
    CaseAssignment.objects.bulk_create(
        CaseAssignment(
            initiative=case,
            handlaggare=town.handlaggare,
            assigned_by=town.handlaggare,
            note=f"Tilldelning {i}",
        )
        for i in range(n)
    )


def _count(client, url) -> int:
    client.get(url)  # warm the session and the permission caches
    with CaptureQueriesContext(connection) as counted:
        response = client.get(url)
    assert response.status_code == 200
    return len(counted.captured_queries)


def test_the_admin_case_page_runs_the_same_queries_for_1_and_50_of_everything(client, town):
    case = town.in_assessment()
    pdf = files.pdf_bytes()
    url = reverse("admin:initiatives_initiative_change", args=[case.pk])
    client.force_login(town.handlaggare)
    _grow(case, town, 1, pdf)
    one = _count(client, url)
    _grow(case, town, 49, pdf)
    fifty = _count(client, url)
    assert fifty == one, f"{one} queries with 1 of each, {fifty} with 50"
    page = client.get(url).content.decode()
    # The rows are really on the page, not cut off.
    assert "Bevakning 48" in page and "Deltagare 48" in page
    assert DiaryEntry.objects.filter(initiative=case).count() >= 50
    assert Attachment.objects.filter(initiative=case).count() == 50
