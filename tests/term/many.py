"""Many due reminders at once: copies of one active case, made with a few bulk INSERTs."""

import copy
import datetime

from django.db.models.base import ModelState

from agreements.models import Agreement, ReportDate
from organisations.models import Organisation


def _copy(obj, **changes):
    new = copy.copy(obj)
    new._state = ModelState()
    new.pk = None
    for name, value in changes.items():
        setattr(new, name, value)
    return new


def copies_of_case(case, count: int, *, due_date: datetime.date, handlaggare=True, offset=0):
    """`count` active cases like `case`, each with one organisation of its own (contact
    kontakt<i>@many.example) and one report date on `due_date`; return their agreements."""
    agreement = Agreement.objects.get(initiative=case)
    numbers = [str(8000000000 + offset + i) for i in range(count)]
    orgs = Organisation.objects.bulk_create(
        _copy(
            case.organisation,
            org_number=f"{n[:6]}-{n[6:]}",
            contact_email=f"kontakt{offset + i}@many.example",
        )
        for i, n in enumerate(numbers)
    )
    cases = type(case).objects.bulk_create(
        _copy(
            case,
            organisation=org,
            diarienummer=f"MANY {offset + i}",
            handlaggare=case.handlaggare if handlaggare else None,
        )
        for i, org in enumerate(orgs)
    )
    agreements = Agreement.objects.bulk_create(_copy(agreement, initiative=c) for c in cases)
    ReportDate.objects.bulk_create(
        ReportDate(agreement=a, due_date=due_date, description="Delrapport") for a in agreements
    )
    return agreements
