"""Reads for the public register of partnerships: only what a förvaltning has published.

Rows carry the organisation's and the förvaltning's names and the förvaltning's contact person
(sakkunnig), never anything about an organisation's members or contact people.
"""

import datetime
import functools

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import (
    Case,
    CharField,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Forvaltning
from agreements.models import Agreement, Contribution, Party
from decisions.models import Decision
from initiatives.models import Initiative, Status
from organisations.models import Organisation


class RegisterState(models.TextChoices):
    """A row's state in the register, and the register's filter by it."""

    ACTIVE = "active", _("Pågående")
    ENDED = "ended", _("Avslutade")


# The fields a row of the register page and feed shows.
PUBLIC_FIELDS = [
    "id",
    "organisation",
    "title",
    "forvaltning",
    "term_start",
    "term_end",
    "state",
    "municipality_contribution_sek",
    "organisation_contribution_sek",
    "summary",
    "contact_name",
    "contact_email",
    "contact_phone",
]
# What the downloads (public.open_data) add: the case's identity and the nämnd's decision.
EXPORT_FIELDS = [
    *PUBLIC_FIELDS,
    "diarienummer",
    "organisationsnummer",
    "kommun",
    "namnd",
    "decision_date",
    "decision_paragraph",
    "renews",
]

# The renewal link (a case that continues an earlier partnership names it) is added by the
# renewal work of the term (issue 11, item 7) as this field of Initiative. Until the model has
# it, "renews" is null; once it has, the register reads the earlier case's diarienummer.
RENEWS_FIELD = "renews"


def _contribution_sum(party: str) -> Coalesce:
    sums = (
        Contribution.objects.filter(agreement=OuterRef("pk"), party=party)
        .order_by()
        .values("agreement")
        .annotate(total=Sum("amount_sek") + Sum("in_kind_value_sek"))
        .values("total")
    )
    return Coalesce(Subquery(sums, output_field=IntegerField()), Value(0))


def _is_ended(today: datetime.date) -> Q:
    return Q(initiative__status__in=[Status.CLOSED, Status.TERMINATED]) | Q(term_end__lt=today)


def _approving_decision(field: str) -> Subquery:
    """The nämnd's latest approving decision on the case: its date or its paragraph."""
    decisions = Decision.objects.filter(
        initiative=OuterRef("initiative_id"), outcome=Decision.Outcome.APPROVED
    ).order_by("-meeting_date", "-pk")
    return Subquery(decisions.values(field)[:1])


def _renews():
    try:
        Initiative._meta.get_field(RENEWS_FIELD)
    except FieldDoesNotExist:
        return Value(None, output_field=CharField())
    return F(f"initiative__{RENEWS_FIELD}__diarienummer")


def register_filtered(
    *,
    q: str = "",
    state: str = "",
    forvaltning_id: int | None = None,
    forvaltningar: list[Forvaltning] | None = None,
) -> QuerySet[Agreement]:
    """Published partnerships whose nämnd has decided, filtered; joins only what filters need.

    Counting this is cheaper than counting register_rows(), which joins for its columns.
    `forvaltningar`, every förvaltning (register_forvaltningar()) when the caller has them
    already, lets a search word be matched on their names without a query of its own.
    """
    today = timezone.localdate()
    rows = Agreement.objects.filter(
        publishable=True, initiative__status__in=[Status.ACTIVE, Status.CLOSED, Status.TERMINATED]
    )
    if state == RegisterState.ACTIVE:
        rows = rows.exclude(_is_ended(today))
    elif state == RegisterState.ENDED:
        rows = rows.filter(_is_ended(today))
    if forvaltning_id:
        rows = rows.filter(initiative__forvaltning_id=forvaltning_id)
    for word in q.split():
        rows = rows.filter(_word_matches(word, forvaltningar))
    return rows


# A word matching more rows than this in a table is too common to look up by ids; it is matched
# on the joined rows instead, which the other, rarer words have already narrowed down.
MAX_IDS = 500


def _word_matches(word: str, all_forvaltningar: list[Forvaltning] | None = None) -> Q:
    """Partnerships where `word` is in the summary, or in the case's title, the organisation's
    name or the förvaltning's name.

    A rare word is looked up in each table on its own, where an index answers it (trigram
    indexes on the summary, the title and the organisation's name; the förvaltningar are few,
    and matched in `all_forvaltningar` when the caller has them), and reaches the partnerships
    as ids of cases; matching it across the joined tables instead meant reading every
    partnership with its case and organisation. A common word (more than MAX_IDS matches) is
    matched on the joined rows, after the rare words have narrowed them.
    """
    joined = (
        Q(initiative__title__icontains=word)
        | Q(initiative__organisation__name__icontains=word)
        | Q(initiative__forvaltning__name__icontains=word)
        | Q(public_summary__icontains=word)
    )
    organisations = _ids(Organisation.objects.filter(name__icontains=word))
    if organisations is None:
        return joined
    if all_forvaltningar is None:
        forvaltningar = _ids(Forvaltning.objects.filter(name__icontains=word))
    else:
        # A handful of names, read for the page anyway: matched here as icontains would.
        upper = word.upper()
        forvaltningar = [f.pk for f in all_forvaltningar if upper in f.name.upper()]
    if forvaltningar is None or len(forvaltningar) > MAX_IDS:
        return joined
    cases = _ids(
        Initiative.objects.filter(
            Q(title__icontains=word)
            | Q(organisation_id__in=organisations)
            | Q(forvaltning_id__in=forvaltningar)
        )
    )
    if cases is None:
        return joined
    return Q(public_summary__icontains=word) | Q(initiative_id__in=cases)


def _ids(queryset) -> list[int] | None:
    """The ids of `queryset`, or None when there are more than MAX_IDS."""
    ids = list(queryset.order_by().values_list("pk", flat=True)[: MAX_IDS + 1])
    return None if len(ids) > MAX_IDS else ids


# Built once a day rather than once a request: making the subqueries' querysets cost the page
# more than compiling them. Safe to share, as resolving an expression into a query copies it.
@functools.lru_cache(maxsize=1)
def _shown(today: datetime.date) -> dict:
    return {
        "organisation": F("initiative__organisation__name"),
        "title": F("initiative__title"),
        "forvaltning": F("initiative__forvaltning__name"),
        "state": Case(
            When(_is_ended(today), then=Value(RegisterState.ENDED.value)),
            default=Value(RegisterState.ACTIVE.value),
        ),
        "municipality_contribution_sek": _contribution_sum(Party.MUNICIPALITY),
        "organisation_contribution_sek": _contribution_sum(Party.ORGANISATION),
        "summary": F("public_summary"),
        "contact_name": F("initiative__forvaltning__contact_name"),
        "contact_email": F("initiative__forvaltning__contact_email"),
        "contact_phone": F("initiative__forvaltning__contact_phone"),
    }


def register_rows(filtered: QuerySet[Agreement] | None = None, **filters) -> QuerySet[Agreement]:
    """register_filtered(**filters) (or `filtered`, already made by it) newest first, as dicts
    of PUBLIC_FIELDS (and created_at)."""
    return (
        (register_filtered(**filters) if filtered is None else filtered)
        .order_by("-term_start", "-id")
        .values("id", "term_start", "term_end", "created_at", **_shown(timezone.localdate()))
    )


def register_export_rows(**filters) -> QuerySet[Agreement]:
    """register_rows(**filters) with EXPORT_FIELDS: what the CSV and JSON downloads hold.

    A query of its own, so that the page and the feed do not join what only the files need.
    """
    return (
        register_filtered(**filters)
        .order_by("-term_start", "-id")
        .values(
            "id",
            "term_start",
            "term_end",
            **_shown(timezone.localdate()),
            diarienummer=F("initiative__diarienummer"),
            organisationsnummer=F("initiative__organisation__org_number"),
            kommun=F("initiative__forvaltning__kommun__name"),
            namnd=F("initiative__forvaltning__namnd__name"),
            decision_date=_approving_decision("meeting_date"),
            decision_paragraph=_approving_decision("paragraph"),
            renews=_renews(),
        )
    )


def register_period():
    """The first day and the last of the published partnerships' terms (None if none)."""
    return register_filtered().aggregate(
        start=Min("term_start"), end=Max("term_end"), updated=Max("created_at")
    )


def register_forvaltningar() -> QuerySet[Forvaltning]:
    """Every förvaltning with its sakkunnig contact: the way in, partnerships or not."""
    return Forvaltning.objects.only(
        "id", "name", "contact_name", "contact_email", "contact_phone"
    ).order_by("name")
