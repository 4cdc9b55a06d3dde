"""Wizard submit step: POST to the review step through the test Client, beside the plain query.

Each timed run submits a fresh, complete draft with one attachment (made before the clock starts),
so every run does the whole submission: lock, completeness check, diarienummer, diary entry,
status change, history and the receipt mail (to an in-memory outbox). The baseline is the plain
SQL that fetches the same rows the page reads: the draft with its organisation, förvaltning and
the user's membership, and the draft's attachments.
"""

import datetime
import itertools
import uuid

from bench.common import median_seconds, report

REPEAT = 25
WARMUP = 3


def main() -> None:
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection
    from django.test import Client, override_settings
    from django.urls import reverse
    from stdnum import luhn

    from accounts.models import Forvaltning, Kommun, Namnd
    from core.pdf import html_to_pdf
    from demo.builder import build_case
    from initiatives import attachment_services
    from initiatives.models import Status
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
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    queue = iter(drafts)

    def submit():
        draft = next(queue)
        url = reverse("initiatives:step", args=[draft.pk, "granska"])
        response = client.post(url, {"submit": "1"})
        assert response.status_code == 302, response.status_code

    mail = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    with override_settings(MAILERS=mail, EMAIL_BACKEND=mail["default"]["BACKEND"]):
        submit_s = median_seconds(submit, repeat=REPEAT, warmup=WARMUP)
    submitted = sum(1 for d in drafts if type(d).objects.get(pk=d.pk).status != Status.DRAFT)
    assert submitted == len(drafts), "every run must have submitted its own draft"

    pks = itertools.cycle([d.pk for d in drafts])

    def plain_query():
        pk = next(pks)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT i.*, o.*, f.*, m.id FROM initiatives_initiative i "
                "JOIN organisations_organisation o ON o.id = i.organisation_id "
                "LEFT JOIN accounts_forvaltning f ON f.id = i.forvaltning_id "
                "JOIN organisations_membership m ON m.organisation_id = o.id AND m.user_id = %s "
                "WHERE i.id = %s",
                [user.pk, pk],
            )
            cursor.fetchall()
            cursor.execute("SELECT * FROM initiatives_attachment WHERE initiative_id = %s", [pk])
            cursor.fetchall()

    plain_s = median_seconds(plain_query, repeat=REPEAT, warmup=WARMUP)
    report(
        "wizard submit step (POST, fresh complete draft)",
        submit_s,
        baseline_name="plain SQL of the same rows",
        baseline_seconds=plain_s,
    )
