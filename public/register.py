"""Reads for the public register of partnerships: only what a förvaltning has published.

Rows carry the organisation's and the förvaltning's names and the förvaltning's contact person
(sakkunnig), never anything about an organisation's members or contact people.
"""

import datetime

from django.db import models
from django.db.models import (
    Case,
    F,
    IntegerField,
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
from initiatives.models import Status


class RegisterState(models.TextChoices):
    """A row's state in the register, and the register's filter by it."""

    ACTIVE = "active", _("Pågående")
    ENDED = "ended", _("Avslutade")


# The fields a row of the register exposes, in the order of the CSV columns.
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
    return Q(initiative__status=Status.CLOSED) | Q(term_end__lt=today)


def register_filtered(
    *, q: str = "", state: str = "", forvaltning_id: int | None = None
) -> QuerySet[Agreement]:
    """Published partnerships whose nämnd has decided, filtered; joins only what filters need.

    Counting this is cheaper than counting register_rows(), which joins for its columns.
    """
    today = timezone.localdate()
    rows = Agreement.objects.filter(
        publishable=True, initiative__status__in=[Status.ACTIVE, Status.CLOSED]
    )
    if state == RegisterState.ACTIVE:
        rows = rows.exclude(_is_ended(today))
    elif state == RegisterState.ENDED:
        rows = rows.filter(_is_ended(today))
    if forvaltning_id:
        rows = rows.filter(initiative__forvaltning_id=forvaltning_id)
    for word in q.split():
        rows = rows.filter(
            Q(initiative__title__icontains=word)
            | Q(initiative__organisation__name__icontains=word)
            | Q(initiative__forvaltning__name__icontains=word)
            | Q(public_summary__icontains=word)
        )
    return rows


def register_rows(**filters) -> QuerySet[Agreement]:
    """register_filtered(**filters) newest first, as dicts of PUBLIC_FIELDS (and created_at)."""
    today = timezone.localdate()
    return (
        register_filtered(**filters)
        .order_by("-term_start", "-id")
        .values(
            "id",
            "term_start",
            "term_end",
            "created_at",
            organisation=F("initiative__organisation__name"),
            title=F("initiative__title"),
            forvaltning=F("initiative__forvaltning__name"),
            state=Case(
                When(_is_ended(today), then=Value(RegisterState.ENDED.value)),
                default=Value(RegisterState.ACTIVE.value),
            ),
            municipality_contribution_sek=_contribution_sum(Party.MUNICIPALITY),
            organisation_contribution_sek=_contribution_sum(Party.ORGANISATION),
            summary=F("public_summary"),
            contact_name=F("initiative__forvaltning__contact_name"),
            contact_email=F("initiative__forvaltning__contact_email"),
            contact_phone=F("initiative__forvaltning__contact_phone"),
        )
    )


def register_forvaltningar() -> QuerySet[Forvaltning]:
    """Every förvaltning with its sakkunnig contact: the way in, partnerships or not."""
    return Forvaltning.objects.only(
        "id", "name", "contact_name", "contact_email", "contact_phone"
    ).order_by("name")
