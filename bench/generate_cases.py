"""Fill the database with many registered cases fast (bulk inserts), for benchmarks and tests.

    python bench/generate_cases.py 100000      # needs DATABASE_URL (make bench provides one)

or from Python: `generate_cases(count=100_000)`. The cases look like the förvaltningar's real
queues: every status, diarienummer unique per förvaltning and in the förvaltning's own series
(the diary counters are moved on, so the next registration continues the series), some with a
handläggare, open and done bevakningar, and agreements with report dates for active
partnerships. Rows are written with bulk_create, so no history rows or mails are made.
"""

import datetime
import itertools
import os
import sys
from pathlib import Path

STATUS_MIX = (
    # (status, weight): most cases of a long-running queue are closed or active.
    ("submitted", 10),
    ("assessment", 8),
    ("agreement", 5),
    ("decision", 3),
    ("active", 24),
    ("closed", 30),
    ("declined", 20),
)
TOPICS = ("läxhjälp", "språkcafé", "mötesplats", "stödlinje")


def _next_ids(model, n: int) -> list[int]:
    """Take `n` ids from the table's identity sequence, so rows can be copied in with their ids."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [model._meta.db_table, n],
        )
        return [row[0] for row in cursor.fetchall()]


def _copy(model, rows) -> None:
    """Write rows (dicts by column name) with PostgreSQL's COPY, the fastest way in.

    A column the dicts leave out gets the field's default (or NULL, or ""), so a field added to
    the model later does not break the generator.
    """
    from django.db import connection

    rows = list(rows)
    if not rows:
        return
    defaults = {
        f.column: f.get_default() if f.has_default() else (None if f.null else "")
        for f in model._meta.concrete_fields
    }
    # The id is copied when given (to link rows); otherwise the identity column makes it.
    columns = [c for c in defaults if c != "id" or "id" in rows[0]]
    sql = f"COPY {model._meta.db_table} ({', '.join(columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row([row[c] if c in row else defaults[c] for c in columns])


def _setup_django():
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iop_portal.settings")
    import django

    django.setup()


def generate_cases(
    count: int,
    *,
    forvaltningar=None,
    organisations=None,
    staff=None,
    created_by=None,
    first_year: int = 2018,
    batch_size: int = 5000,
) -> dict:
    """Create `count` registered cases spread over the förvaltningar; return what was used.

    PostgreSQL only (rows go in with COPY).

    Without arguments a bench kommun is made with three förvaltningar, twenty organisations and
    two handläggare per förvaltning. `staff` are handläggare of the first förvaltning given (or
    of any, when each is staff of one of `forvaltningar`).
    """
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.utils import timezone
    from stdnum import luhn

    from accounts.models import Forvaltning, Kommun, Namnd
    from agreements.models import Agreement, ReportDate
    from initiatives.models import DiaryCounter, Initiative, Status, StatusChange, WatchDate
    from initiatives.next_due import initiatives_next_due_refresh
    from organisations.models import Organisation

    User = get_user_model()
    with transaction.atomic():
        if forvaltningar is None:
            n = Kommun.objects.filter(name__startswith="Benchkommun").count()
            kommun = Kommun.objects.create(name=f"Benchkommun {n + 1}")
            forvaltningar = [
                Forvaltning.objects.create(
                    kommun=kommun,
                    namnd=Namnd.objects.create(kommun=kommun, name=f"{name}nämnden"),
                    name=f"{name}förvaltningen",
                    diary_prefix=prefix,
                )
                for prefix, name in (
                    ("SOF", "Social"),
                    ("AMF", "Arbetsmarknads"),
                    ("UTF", "Utbildnings"),
                )
            ]
        if staff is None:
            staff = [
                User.objects.create_user(
                    username=f"bench.{f.pk}.{i}",
                    password=None,
                    first_name=f"Handläggare {i}",
                    last_name=f.diary_prefix,
                    email=f"bench.{f.pk}.{i}@kommun.example",
                    is_staff=True,
                    forvaltning=f,
                )
                for f in forvaltningar
                for i in (1, 2)
            ]
        if created_by is None:
            created_by = User.objects.create_user(
                username=f"bench.org.{User.objects.count()}", password=None
            )
        if organisations is None:
            start = Organisation.objects.count()
            organisations = []
            for i in range(start, start + 20):
                base = f"89{i:07d}"
                organisations.append(
                    Organisation(
                        name=f"Benchföreningen {i}",
                        org_number=f"{base[:6]}-{base[6:]}{luhn.calc_check_digit(base)}",
                        legal_form=Organisation.LegalForm.IDEELL_FORENING,
                        street_address="Benchgatan 1",
                        postal_code="111 11",
                        city="Benchstad",
                        contact_name="Kim Bench",
                        contact_email=f"bench{i}@forening.example",
                        contact_phone="070-000 00 00",
                    )
                )
            organisations = Organisation.objects.bulk_create(organisations)

        statuses = list(
            itertools.chain.from_iterable(itertools.repeat(s, w) for s, w in STATUS_MIX)
        )
        staff_by_forvaltning = {}
        for person in staff:
            staff_by_forvaltning.setdefault(person.forvaltning_id, []).append(person)
        now = timezone.now()
        today = timezone.localdate()
        years = list(range(first_year, today.year + 1))
        counters = {
            (c.forvaltning_id, c.year): c
            for c in DiaryCounter.objects.select_for_update().filter(forvaltning__in=forvaltningar)
        }
        cases = []  # (id, forvaltning_id, status, handlaggare_id, submitted_at)
        case_ids = _next_ids(Initiative, count)
        rows = []
        for i, case_id in enumerate(case_ids):
            forvaltning = forvaltningar[i % len(forvaltningar)]
            # Spread over the years, oldest first, so that newer cases have higher numbers.
            year = years[min(len(years) - 1, i * len(years) // max(count, 1))]
            counter = counters.get((forvaltning.pk, year))
            if counter is None:
                counter = counters[(forvaltning.pk, year)] = DiaryCounter(
                    forvaltning=forvaltning, year=year, last_number=0
                )
            counter.last_number += 1
            status = statuses[(i * 7) % len(statuses)]
            people = staff_by_forvaltning.get(forvaltning.pk, [])
            submitted = datetime.datetime(year, 1, 1, 9, tzinfo=datetime.UTC) + datetime.timedelta(
                days=(i * 37) % 360, minutes=i % 600
            )
            submitted = min(submitted, now - datetime.timedelta(minutes=count - i))
            handlaggare = people[i % len(people)] if people and (i // 3) % 3 else None
            cases.append((case_id, status, handlaggare, submitted))
            rows.append(
                {
                    "id": case_id,
                    "organisation_id": organisations[(i * 3) % len(organisations)].pk,
                    "forvaltning_id": forvaltning.pk,
                    "status": status,
                    "title": f"Initiativ {i + 1}: {TOPICS[i % len(TOPICS)]}",
                    "challenge": "Samhällsutmaningen som organisationen beskriver.",
                    "activity": "Verksamheten som organisationen föreslår.",
                    "target_group": "Målgruppen.",
                    "term_start": datetime.date(year, 1, 1),
                    "term_end": datetime.date(year + 1, 12, 31),
                    "own_contribution": "Ideella timmar.",
                    "requested_amount_per_year": 100_000 + (i % 50) * 10_000,
                    "political_programme": "Kommunens program.",
                    "diarienummer": forvaltning.diary_pattern.format(
                        prefix=forvaltning.diary_prefix, year=year, number=counter.last_number
                    ),
                    "handlaggare_id": handlaggare.pk if handlaggare else None,
                    "created_by_id": created_by.pk,
                    "submitted_at": submitted,
                    # The last change is when the case came in: most of a queue has long been still.
                    "created_at": submitted,
                    "updated_at": submitted,
                }
            )
        _copy(Initiative, rows)
        DiaryCounter.objects.bulk_create(
            [c for c in counters.values() if c.pk is None], batch_size=batch_size
        )
        DiaryCounter.objects.bulk_update(
            [c for c in counters.values() if c.pk is not None], ["last_number"]
        )
        _copy(
            StatusChange,
            (
                {
                    "initiative_id": case_id,
                    "from_status": Status.DRAFT,
                    "to_status": Status.SUBMITTED,
                    "changed_by_id": created_by.pk,
                    "changed_at": submitted,
                    "note": "",
                }
                for case_id, _status, _h, submitted in cases
            ),
        )
        open_statuses = {"submitted", "assessment", "agreement", "decision", "active"}
        _copy(
            WatchDate,
            (
                {
                    "initiative_id": case_id,
                    "due_date": today + datetime.timedelta(days=(i % 90) - 20),
                    "what": "Följ upp ärendet",
                    "responsible_id": handlaggare.pk if handlaggare else None,
                    "created_by_id": (handlaggare or staff[0]).pk,
                    "created_at": now,
                }
                for i, (case_id, status, handlaggare, _s) in enumerate(cases)
                if status in open_statuses and i % 5 == 0
            ),
        )
        active = [case_id for case_id, status, _h, _s in cases if status == "active"]
        agreement_ids = _next_ids(Agreement, len(active))
        agreements = [
            {
                "id": agreement_id,
                "initiative_id": case_id,
                "purpose": "Syftet.",
                "activities": "Verksamheten.",
                "term_start": today - datetime.timedelta(days=200 + i % 100),
                "term_end": today + datetime.timedelta(days=(i % 400) - 30),
                "follow_up_clause": "Rapport två gånger per år.",
                "knowledge_sharing_clause": "Kunskapen delas.",
                "repayment_clause": "Medel återbetalas.",
                "municipality_signatory": "Förvaltningschefen",
                "organisation_signatory": "Ordföranden",
                "created_by_id": staff[0].pk,
                "created_at": now,
            }
            for i, (agreement_id, case_id) in enumerate(zip(agreement_ids, active, strict=True))
        ]
        _copy(Agreement, agreements)
        _copy(
            ReportDate,
            (
                {
                    "agreement_id": agreement["id"],
                    "due_date": agreement["term_start"] + datetime.timedelta(days=180 * k),
                    "description": f"Delrapport {k}",
                }
                for agreement in agreements
                for k in (1, 2)
            ),
        )
        # The rows above bypass the services that keep the queue's next date.
        if case_ids:
            cases_made = Initiative.objects.filter(pk__range=(min(case_ids), max(case_ids)))
            initiatives_next_due_refresh(initiatives=cases_made)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    return {
        "forvaltningar": forvaltningar,
        "organisations": organisations,
        "staff": staff,
        "cases": len(case_ids),
    }


def main(argv: list[str]) -> int:
    _setup_django()
    count = int(argv[0]) if argv else 100_000
    result = generate_cases(count)
    print(f"{result['cases']} cases in {len(result['forvaltningar'])} förvaltningar.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
