"""Renewal: the next term of a partnership as a new case, carried over as the handläggare's draft.

The new case is registered with its own diarienummer and assessed and decided again: nothing
is promised in advance (seed 000). It lives in term because it copies the agreement, which the
case layer below may not import.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from agreements import drafting
from agreements.models import (
    Agreement,
    AgreementClause,
    AgreementGoal,
    AgreementVersion,
    Contribution,
    ReportDate,
)
from assessments.services import assessment_start
from core.notifications import record_language
from initiatives.models import Initiative, ReceivedVia
from initiatives.services import initiative_register_received
from initiatives.workflow import lock_initiative

from . import permissions

# What the organisation wrote carries over; the dates are the next term's.
CARRIED_FIELDS = (
    "title",
    "challenge",
    "activity",
    "target_group",
    "own_contribution",
    "requested_amount_per_year",
    "requested_other_resources",
    "political_programme",
)


def _later(date: datetime.date, *, years: int, days: datetime.timedelta) -> datetime.date:
    if not years:
        return date + days
    day = 28 if (date.month, date.day) == (2, 29) else date.day
    return date.replace(year=date.year + years, day=day)


def term_shift(start: datetime.date, end: datetime.date):
    """How a date of the term [start, end] moves to the next term: by whole years where the
    term is a year or more (2027-01-01–2027-12-31 is followed by 2028-01-01–2028-12-31),
    else by the term's length."""
    years = round(((end - start).days + 1) / 365.25)
    days = end - start + datetime.timedelta(days=1)
    return lambda date: _later(date, years=years, days=days)


def next_term(start: datetime.date, end: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The term after [start, end]: from the day after, as long again."""
    shift = term_shift(start, end)
    return end + datetime.timedelta(days=1), shift(end)


@transaction.atomic
def initiative_renew(*, initiative: Initiative, by: User) -> Initiative:
    """Open the next term's case for an evaluated partnership, linked both ways, in assessment."""
    initiative = lock_initiative(initiative.pk)
    if not permissions.can_evaluate(by, initiative):
        raise PermissionDenied
    existing = Initiative.objects.filter(renews=initiative).first()
    if existing is not None:
        raise ValidationError(
            _("Partnerskapet är redan förnyat i ärende %(dnr)s.") % {"dnr": existing.diarienummer},
            code="already_renewed",
        )
    agreement = Agreement.objects.filter(initiative=initiative).first()
    if agreement is None:
        raise ValidationError(_("Ärendet har inget avtal att förnya."), code="no_agreement")
    start, end = next_term(agreement.term_start, agreement.term_end)
    with record_language():
        fields = {name: getattr(initiative, name) for name in CARRIED_FIELDS}
        renewal = initiative_register_received(
            by=by,
            organisation=initiative.organisation,
            forvaltning=initiative.forvaltning,
            received_on=timezone.localdate(),
            received_via=ReceivedVia.OTHER,
            term_start=start,
            term_end=end,
            **fields,
        )
        renewal.renews = initiative
        renewal.handlaggare_id = initiative.handlaggare_id or by.pk
        renewal._history_user = by
        renewal.save(update_fields=["renews", "handlaggare", "updated_at"])
        _agreement_carry_over(agreement=agreement, to=renewal, start=start, end=end, by=by)
    assessment_start(initiative=renewal, by=by)
    return renewal


def _agreement_carry_over(*, agreement: Agreement, to: Initiative, start, end, by: User) -> None:
    """The old agreement's clauses, goals, contributions and report dates as the new draft."""
    shift = term_shift(agreement.term_start, agreement.term_end)
    years = start.year - agreement.term_start.year
    draft = Agreement.objects.create(
        initiative=to,
        template=agreement.template,
        purpose=agreement.purpose,
        activities=agreement.activities,
        term_start=start,
        term_end=end,
        municipality_signatory=agreement.municipality_signatory,
        municipality_signatory_title=agreement.municipality_signatory_title,
        organisation_signatory=agreement.organisation_signatory,
        organisation_signatory_title=agreement.organisation_signatory_title,
        public_summary=agreement.public_summary,
        created_by=by,
    )
    AgreementClause.objects.bulk_create(
        AgreementClause(
            agreement=draft, kind=c.kind, position=c.position, heading=c.heading, text=c.text
        )
        for c in agreement.clauses.order_by("position")
    )
    AgreementGoal.objects.bulk_create(
        AgreementGoal(
            agreement=draft, order=g.order, goal=g.goal, indicator=g.indicator, target=g.target
        )
        for g in agreement.goals.order_by("order")
    )
    Contribution.objects.bulk_create(
        Contribution(
            agreement=draft,
            party=c.party,
            year=c.year + years,
            amount_sek=c.amount_sek,
            in_kind_type=c.in_kind_type,
            in_kind_description=c.in_kind_description,
            in_kind_hours=c.in_kind_hours,
            in_kind_value_sek=c.in_kind_value_sek,
        )
        for c in agreement.contributions.all()
        if start.year <= c.year + years <= end.year
    )
    ReportDate.objects.bulk_create(
        ReportDate(agreement=draft, due_date=min(shift(r.due_date), end), description=r.description)
        for r in agreement.report_dates.all()
    )
    draft = Agreement.objects.prefetch_related(
        "clauses", "goals", "contributions", "report_dates"
    ).get(pk=draft.pk)
    AgreementVersion.objects.create(
        agreement=draft, number=1, snapshot=drafting.snapshot(draft), created_by=by
    )
