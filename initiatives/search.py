"""Search in the staff queue: exact lookups for numbers, trigram-indexed substrings for text.

Each kind of term goes to the one column that can answer it, so that the case query stays on the
case table and PostgreSQL can serve it from an index (trigram indexes: migrations 0003 and 0013;
on SQLite, which `make run` uses, the same lookups simply scan):

- an organisationsnummer (with or without the dash): the cases whose organisation_id is that of
  the organisation with the number, in the same statement (the unique index finds the one
  organisation, then a B-tree index its cases);
- something that looks like a diarienummer or a part of one (digits with - or /): the whole
  diarienummer exactly (the unique index per förvaltning), or a substring of it (trigram);
- anything else: a substring of the title (trigram) or of an organisation's name, looked up
  first in the organisation table (trigram there too; a leading part of an organisationsnummer
  matches too) and handed to the case query as ids.
"""

import re

from django.db.models import Q, QuerySet

from organisations.models import Organisation

ORG_NUMBER = re.compile(r"\d{6}-?\d{4}")
DIARY_LIKE = re.compile(r".*\d[-/]\d.*")
# Beyond this many organisations a name fragment is too common to hand over as a list of ids;
# the database then joins on a subquery instead.
MAX_ORGANISATION_IDS = 500


def case_search(queryset: QuerySet, search_term: str) -> tuple[QuerySet, bool]:
    """Narrow the staff queue `queryset` to `search_term`, as ModelAdmin.get_search_results.

    The second value is False: no lookup here can return a case twice.
    """
    term = " ".join(search_term.split())
    if not term:
        return queryset, False
    if ORG_NUMBER.fullmatch(term):
        digits = term.replace("-", "")
        organisation = Organisation.objects.filter(org_number=f"{digits[:6]}-{digits[6:]}")
        return queryset.filter(organisation_id__in=organisation.values("pk")), False
    if DIARY_LIKE.fullmatch(term):
        return queryset.filter(Q(diarienummer=term) | Q(diarienummer__icontains=term)), False
    organisations = Organisation.objects.filter(
        Q(name__icontains=term) | Q(org_number__startswith=term)
    )
    matches = Q(title__icontains=term) | Q(organisation_id__in=_ids(organisations))
    return queryset.filter(matches), False


def _ids(organisations: QuerySet) -> list[int] | QuerySet:
    # Evaluated first, in the organisation table, so the case query can combine the
    # organisation_id index with the title's trigram index (a bitmap OR) on one table.
    ids = list(organisations.values_list("pk", flat=True)[: MAX_ORGANISATION_IDS + 1])
    if len(ids) > MAX_ORGANISATION_IDS:
        return organisations.values("pk")
    return ids
