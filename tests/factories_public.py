"""Published partnerships in bulk, for query-budget tests and the register benchmark.

Made with bulk_create, not through the services: the services are tested elsewhere and walking
thousands of cases through the lifecycle would take minutes. The rows satisfy every constraint.
"""

import datetime

from django.utils import timezone
from stdnum import luhn

from agreements.models import Agreement, Contribution, Party
from initiatives.models import Initiative, Status
from organisations.models import Organisation

CLAUSE = "Enligt avtalet."


def _org_number(n: int) -> str:
    base = f"80{n:07d}"[:9]
    return f"{base[:6]}-{base[6:]}{luhn.calc_check_digit(base)}"


def partnerships_bulk(
    n: int, *, forvaltningar, created_by, start: int = 500_000, **agreement_fields
) -> list[Agreement]:
    """Create n published partnerships, alternating förvaltningar, half of them ended."""
    today = timezone.localdate()
    now = timezone.now()
    orgs = Organisation.objects.bulk_create(
        Organisation(
            name=f"Förening {start + i}",
            org_number=_org_number(start + i),
            legal_form=Organisation.LegalForm.IDEELL_FORENING,
            street_address="Storgatan 1",
            postal_code="111 22",
            city="Demostad",
            contact_name=f"Medlem {start + i}",
            contact_email=f"medlem{start + i}@forening.example",
            contact_phone="070-000 00 00",
        )
        for i in range(n)
    )
    initiatives = Initiative.objects.bulk_create(
        Initiative(
            organisation=org,
            forvaltning=forvaltningar[i % len(forvaltningar)],
            status=Status.CLOSED if i % 2 else Status.ACTIVE,
            title=f"Partnerskap {start + i}",
            diarienummer=f"BULK {start + i}",
            submitted_at=now,
            created_by=created_by,
        )
        for i, org in enumerate(orgs)
    )
    agreements = Agreement.objects.bulk_create(
        Agreement(
            initiative=initiative,
            purpose=CLAUSE,
            activities=CLAUSE,
            term_start=today - datetime.timedelta(days=400 if i % 2 else 30),
            term_end=today - datetime.timedelta(days=35 if i % 2 else -335),
            municipality_signatory="Förvaltningschef",
            organisation_signatory="Ordförande",
            created_by=created_by,
            **(
                {
                    "publishable": True,
                    "public_summary": f"Verksamhet nummer {start + i} för barn och unga.",
                }
                | agreement_fields
            ),
        )
        for i, initiative in enumerate(initiatives)
    )
    Contribution.objects.bulk_create(
        Contribution(agreement=a, party=party, year=a.term_start.year, amount_sek=amount)
        for a in agreements
        for party, amount in ((Party.MUNICIPALITY, 100_000), (Party.ORGANISATION, 40_000))
    )
    return agreements
