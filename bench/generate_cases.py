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

    Without arguments a bench kommun is made with three förvaltningar, twenty organisations and
    two handläggare per förvaltning. `staff` are handläggare of the first förvaltning given (or
    of any, when each is staff of one of `forvaltningar`).
    """
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.db.models import F, OuterRef, Subquery
    from django.utils import timezone
    from stdnum import luhn

    from accounts.models import Forvaltning, Kommun, Namnd
    from agreements.models import Agreement, ReportDate
    from initiatives.models import (
        DiaryCounter,
        Initiative,
        Organisation,
        Status,
        StatusChange,
        WatchDate,
    )

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
        cases = []
        for i in range(count):
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
            day_of_year = (i * 37) % 360
            submitted = datetime.datetime(year, 1, 1, 9, tzinfo=datetime.UTC) + datetime.timedelta(
                days=day_of_year, minutes=i % 600
            )
            submitted = min(submitted, now - datetime.timedelta(minutes=count - i))
            cases.append(
                Initiative(
                    organisation=organisations[(i * 3) % len(organisations)],
                    forvaltning=forvaltning,
                    status=status,
                    title=f"Initiativ {i + 1}: {TOPICS[i % len(TOPICS)]}",
                    challenge="Samhällsutmaningen som organisationen beskriver.",
                    activity="Verksamheten som organisationen föreslår.",
                    target_group="Målgruppen.",
                    term_start=datetime.date(year, 1, 1),
                    term_end=datetime.date(year + 1, 12, 31),
                    own_contribution="Ideella timmar.",
                    requested_amount_per_year=100_000 + (i % 50) * 10_000,
                    political_programme="Kommunens program.",
                    diarienummer=forvaltning.diary_pattern.format(
                        prefix=forvaltning.diary_prefix, year=year, number=counter.last_number
                    ),
                    handlaggare=people[i % len(people)] if people and i % 3 else None,
                    created_by=created_by,
                    submitted_at=submitted,
                )
            )
        cases = Initiative.objects.bulk_create(cases, batch_size=batch_size)
        DiaryCounter.objects.bulk_create(
            [c for c in counters.values() if c.pk is None], batch_size=batch_size
        )
        DiaryCounter.objects.bulk_update(
            [c for c in counters.values() if c.pk is not None], ["last_number"]
        )
        StatusChange.objects.bulk_create(
            [
                StatusChange(
                    initiative=case,
                    from_status=Status.DRAFT,
                    to_status=Status.SUBMITTED,
                    changed_by=created_by,
                )
                for case in cases
            ],
            batch_size=batch_size,
        )
        # auto_now fields were set to now on insert; move the last change back to when the case
        # came in, as in a queue where most cases have long been still.
        # (An id range, not a list: a list of 100 000 ids passes the driver's parameter limit.)
        ids = (cases[0].pk, cases[-1].pk) if cases else (0, -1)
        Initiative.objects.filter(pk__range=ids).update(updated_at=F("submitted_at"))
        StatusChange.objects.filter(initiative__pk__range=ids).update(
            changed_at=Subquery(
                Initiative.objects.filter(pk=OuterRef("initiative_id")).values("submitted_at")
            )
        )
        open_statuses = {"submitted", "assessment", "agreement", "decision", "active"}
        watches = [
            WatchDate(
                initiative=case,
                due_date=today + datetime.timedelta(days=(i % 90) - 20),
                what="Följ upp ärendet",
                responsible=case.handlaggare,
                created_by=case.handlaggare or staff[0],
            )
            for i, case in enumerate(cases)
            if case.status in open_statuses and i % 5 == 0
        ]
        WatchDate.objects.bulk_create(watches, batch_size=batch_size)
        active = [c for c in cases if c.status == "active"]
        agreements = Agreement.objects.bulk_create(
            [
                Agreement(
                    initiative=case,
                    purpose=case.challenge,
                    activities=case.activity,
                    term_start=today - datetime.timedelta(days=200 + i % 100),
                    term_end=today + datetime.timedelta(days=(i % 400) - 30),
                    follow_up_clause="Rapport två gånger per år.",
                    knowledge_sharing_clause="Kunskapen delas.",
                    repayment_clause="Medel återbetalas.",
                    municipality_signatory="Förvaltningschefen",
                    organisation_signatory="Ordföranden",
                    created_by=staff[0],
                )
                for i, case in enumerate(active)
            ],
            batch_size=batch_size,
        )
        ReportDate.objects.bulk_create(
            [
                ReportDate(
                    agreement=agreement,
                    due_date=agreement.term_start + datetime.timedelta(days=180 * k),
                    description=f"Delrapport {k}",
                )
                for agreement in agreements
                for k in (1, 2)
            ],
            batch_size=batch_size,
        )
    return {
        "forvaltningar": forvaltningar,
        "organisations": organisations,
        "staff": staff,
        "cases": len(cases),
    }


def main(argv: list[str]) -> int:
    _setup_django()
    count = int(argv[0]) if argv else 100_000
    result = generate_cases(count)
    print(f"{result['cases']} cases in {len(result['forvaltningar'])} förvaltningar.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
