"""Wizard submit step: POST to the review step through the test Client, beside the same writes.

Each timed run submits a fresh, complete draft with one attachment (made before the clock starts),
so every run does the whole submission: lock, completeness check, diarienummer, diary entry,
status change, history and the receipt mail (to an in-memory outbox). The baseline is a write
too: the same statements the submit writes (the draft locked, the diary counter claimed and moved
on, the case updated with its history rows, the diary entry, the status change) as plain SQL in
one transaction, on another fresh draft. The two are timed in turns.
"""

import datetime
import uuid

from bench.common import paired_timings, report

REPEAT = 25
WARMUP = 3


def main() -> None:
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection, transaction
    from django.test import Client, override_settings
    from django.urls import reverse
    from django.utils import timezone
    from stdnum import luhn

    from accounts.models import Forvaltning, Kommun, Namnd
    from core.pdf import html_to_pdf
    from demo.builder import build_case
    from initiatives import attachment_services
    from initiatives.models import Initiative, Status
    from organisations import services as org_services

    tag = uuid.uuid4().hex[:8]
    kommun = Kommun.objects.create(name=f"Benchkommun {tag}")
    forvaltning = Forvaltning.objects.create(
        kommun=kommun,
        namnd=Namnd.objects.create(kommun=kommun, name="Socialnämnden"),
        name="Socialförvaltningen",
        diary_prefix=f"B{tag[:4].upper()}",
        contact_email="kontakt@kommun.example",
    )
    user = get_user_model().objects.create_user(
        username=f"bench-{tag}", password="x", email="bench@forening.example"
    )
    # The third digit 2 or higher: below that the number reads as a personnummer.
    base = f"802{int(tag, 16) % 10**6:06d}"
    organisation = org_services.organisation_create(
        by=user,
        name="Benchföreningen",
        org_number=f"{base[:6]}-{base[6:]}{luhn.calc_check_digit(base)}",
        legal_form="ideell_forening",
        street_address="Storgatan 1",
        postal_code="111 22",
        city="Demostad",
        contact_name="Kim",
        contact_email="kim@forening.example",
        contact_phone="070",
    )
    pdf = html_to_pdf("<p>Budget</p>")

    def complete_draft():
        draft = build_case(
            stage="draft",
            organisation=organisation,
            forvaltning=forvaltning,
            member=user,
            fields={
                "title": "Läxhjälp",
                "challenge": "Barn saknar lugn plats för skolarbetet.",
                "activity": "Läxhjälp tre kvällar i veckan.",
                "target_group": "Elever i årskurs 4–9.",
                "political_programme": "Plan för likvärdig skola.",
                "term_start": datetime.date(2027, 1, 1),
                "term_end": datetime.date(2027, 12, 31),
                "own_contribution": "Ideella timmar.",
                "requested_amount_per_year": 200000,
            },
        ).initiative
        attachment_services.attachment_add(
            initiative=draft,
            uploaded_file=SimpleUploadedFile("budget.pdf", pdf),
            by=user,
            description="Budget",
        )
        return draft

    drafts = [complete_draft() for _ in range(REPEAT + WARMUP)]
    plain_drafts = [complete_draft() for _ in range(REPEAT + WARMUP)]
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    queue = iter(drafts)
    plain_queue = iter(plain_drafts)
    history = _history_insert(Initiative)

    def submit():
        draft = next(queue)
        url = reverse("initiatives:step", args=[draft.pk, "granska"])
        response = client.post(url, {"submit": "1"})
        assert response.status_code == 302, response.status_code

    def plain_writes():
        """What the submit writes, statement for statement, in one transaction (the counter
        claimed and moved on, the case updated twice with a history row each, the diary entry
        and the status change), without the ORM, the view or the checks."""
        pk = next(plain_queue).pk
        year = timezone.now().year
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT id FROM initiatives_initiative WHERE id = %s FOR UPDATE", [pk])
            cursor.execute("SELECT id FROM initiatives_attachment WHERE initiative_id = %s", [pk])
            cursor.execute(
                "INSERT INTO initiatives_diarycounter (forvaltning_id, year, last_number) "
                "VALUES (%s, %s, 0) ON CONFLICT DO NOTHING",
                [forvaltning.pk, year],
            )
            cursor.execute(
                "UPDATE initiatives_diarycounter SET last_number = last_number + 1 "
                "WHERE forvaltning_id = %s AND year = %s RETURNING last_number",
                [forvaltning.pk, year],
            )
            number = cursor.fetchone()[0]
            diarienummer = f"{forvaltning.diary_prefix} {year}-{number:04d}"
            cursor.execute(
                "UPDATE initiatives_initiative SET diarienummer = %s, submitted_at = now(), "
                "updated_at = now() WHERE id = %s",
                [diarienummer, pk],
            )
            cursor.execute(history, [user.pk, pk])
            cursor.execute(
                "INSERT INTO initiatives_diaryentry (initiative_id, received_at, sender, subject, "
                "document, registered_by_id) VALUES (%s, now(), %s, %s, %s, %s)",
                [pk, organisation.name, "Läxhjälp", "Initiativ", user.pk],
            )
            cursor.execute(
                "UPDATE initiatives_initiative SET status = 'submitted', updated_at = now() "
                "WHERE id = %s",
                [pk],
            )
            cursor.execute(history, [user.pk, pk])
            cursor.execute(
                "INSERT INTO initiatives_statuschange (initiative_id, from_status, to_status, "
                "changed_by_id, changed_at, note) VALUES (%s, 'draft', 'submitted', %s, now(), '')",
                [pk, user.pk],
            )

    mail = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    with override_settings(MAILERS=mail, EMAIL_BACKEND=mail["default"]["BACKEND"]):
        submit_times, plain_times = paired_timings(
            submit, plain_writes, repeat=REPEAT, warmup=WARMUP
        )
    for made in (drafts, plain_drafts):
        submitted = Initiative.objects.filter(pk__in=[d.pk for d in made]).exclude(
            status=Status.DRAFT
        )
        assert submitted.count() == len(made), "every run must have submitted its own draft"
    report(
        "wizard submit step (POST, fresh complete draft, 1 attachment)",
        submit_times,
        label="the submit through the page",
        baseline_name="plain SQL: the same writes, one transaction",
        baseline_times=plain_times,
    )


def _history_insert(model) -> str:
    """INSERT of a history row copying the case as it is now (django-simple-history's row)."""
    historical = model.history.model
    own = {f.column for f in model._meta.concrete_fields}
    columns = [
        f.column
        for f in historical._meta.concrete_fields
        if f.column in own and f.column != "history_id"
    ]
    listed = ", ".join(columns)
    return (
        f"INSERT INTO {historical._meta.db_table} ({listed}, history_date, "
        "history_change_reason, history_type, history_user_id) "
        f"SELECT {listed}, now(), NULL, '~', %s FROM {model._meta.db_table} WHERE id = %s"
    )
