"""Changes of the agreement during the term: report dates and the term, each as an amendment."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from accounts.models import User
from core.notifications import portal_url, send_on_commit
from initiatives.message_services import case_document_register, organisation_addresses
from initiatives.models import Status
from initiatives.next_due import initiative_next_due_refresh
from initiatives.workflow import lock_initiative

from . import permissions
from .models import Agreement, AgreementAmendment, ReportDate
from .services import _version_save

NEW_DECISION_NOTICE = gettext_lazy(
    "Ändringen kräver ett nytt beslut i nämnden: avtalstiden går utöver den beslutade, eller "
    "pengar ligger utanför avtalstiden."
)


def decided_term(agreement: Agreement) -> tuple[datetime.date, datetime.date]:
    """The term the nämnd decided: as it stood before the first amendment, or as it stands."""
    first = agreement.amendments.order_by("number").first()
    if first is None or "term_start" not in first.before:
        return agreement.term_start, agreement.term_end
    return (
        datetime.date.fromisoformat(first.before["term_start"]),
        datetime.date.fromisoformat(first.before["term_end"]),
    )


def _dates(rows) -> list[dict]:
    return [
        {"due_date": r["due_date"].isoformat(), "description": r["description"]}
        for r in sorted(rows, key=lambda r: r["due_date"])
    ]


def _report_dates_check(agreement: Agreement, report_dates: list[dict], errors: list) -> None:
    """Reported dates stay as they are; the new list has no date twice and none before the term."""
    reported = {
        r.due_date: r
        for r in ReportDate.objects.filter(agreement=agreement, follow_up_report__isnull=False)
    }
    new = {(r["due_date"], r["description"]) for r in report_dates}
    for due, row in reported.items():
        if (due, row.description) not in new:
            errors.append(
                _(
                    "Rapportdatumet %(date)s har redan en rapport och kan inte tas bort eller "
                    "flyttas."
                )
                % {"date": due}
            )
    days = [r["due_date"] for r in report_dates]
    if len(days) != len(set(days)):
        errors.append(_("Samma rapportdatum finns två gånger."))
    if not report_dates:
        errors.append(_("Avtalet ska ha minst ett rapportdatum."))
    for r in report_dates:
        try:
            row = ReportDate(due_date=r["due_date"], description=r.get("description", ""))
            row.full_clean(exclude=["agreement"], validate_unique=False)
        except ValidationError as error:
            errors.extend(f"{r['due_date']}: {message}" for message in error.messages)


@transaction.atomic
def agreement_amend(
    *,
    agreement: Agreement,
    by: User,
    reason: str,
    report_dates: list[dict] | None = None,
    term_start: datetime.date | None = None,
    term_end: datetime.date | None = None,
) -> AgreementAmendment:
    """Change the report dates or the term during the partnership, as a numbered amendment.

    `report_dates`, when given, is the complete new list of {"due_date", "description"}.
    The amendment keeps who, when, why and the values before and after, and a new agreement
    version that the organisation reads; `needs_new_decision` says whether the nämnd must
    decide again (the term reaches beyond the decided term, or money falls outside it).
    The amendment is registered in the diary and the organisation is told where to read it.
    """
    initiative = lock_initiative(agreement.initiative_id)
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    agreement.initiative = initiative
    if not permissions.can_change_agreement(by, agreement):
        raise PermissionDenied
    if initiative.status != Status.ACTIVE:
        raise ValidationError(
            _(
                "Avtalet ändras på det här sättet bara medan partnerskapet pågår; ärendet har "
                "status ”%(status)s”."
            )
            % {"status": initiative.get_status_display()},
            code="not_active",
        )
    errors: dict[str, list] = {}
    if not (reason or "").strip():
        errors["reason"] = [_("Skriv varför avtalet ändras.")]
    else:
        try:
            reason = AgreementAmendment._meta.get_field("reason").clean(reason, None)
        except ValidationError as error:
            errors["reason"] = error.messages
    start = term_start or agreement.term_start
    end = term_end or agreement.term_end
    if end < start:
        errors["term_end"] = [_("Avtalstiden kan inte sluta innan den börjar.")]
    current_dates = list(agreement.report_dates.order_by("due_date"))
    before: dict = {}
    after: dict = {}
    if (start, end) != (agreement.term_start, agreement.term_end):
        before |= {
            "term_start": agreement.term_start.isoformat(),
            "term_end": agreement.term_end.isoformat(),
        }
        after |= {"term_start": start.isoformat(), "term_end": end.isoformat()}
    if report_dates is not None:
        date_errors: list[str] = []
        _report_dates_check(agreement, report_dates, date_errors)
        if date_errors:
            errors["report_dates"] = date_errors
        old = _dates({"due_date": r.due_date, "description": r.description} for r in current_dates)
        new = _dates(report_dates)
        if old != new:
            before["report_dates"], after["report_dates"] = old, new
    if errors:
        raise ValidationError(errors)
    if not after:
        raise ValidationError(
            _("Ändringen ändrar ingenting: ange en ny avtalstid eller nya rapportdatum."),
            code="no_change",
        )

    decided_start, decided_end = decided_term(agreement)
    years = range(start.year, end.year + 1)
    money_outside = agreement.contributions.exclude(year__in=list(years)).exists()
    needs_new_decision = start < decided_start or end > decided_end or money_outside

    agreement.term_start, agreement.term_end = start, end
    agreement._history_user = by
    agreement.save(update_fields=["term_start", "term_end"])
    if "report_dates" in after:
        keep = {(r["due_date"], r["description"]) for r in report_dates}
        for row in current_dates:
            if (row.due_date, row.description) not in keep:
                row.delete()
        existing = {(r.due_date, r.description) for r in current_dates}
        ReportDate.objects.bulk_create(
            ReportDate(agreement=agreement, due_date=due, description=description)
            for due, description in sorted(keep - existing)
        )
    version = _version_save(agreement=agreement, by=by)
    version.sent_at, version.sent_by = timezone.now(), by
    version.save(update_fields=["sent_at", "sent_by"])
    last = agreement.amendments.aggregate(n=Max("number"))["n"] or 0
    amendment = AgreementAmendment.objects.create(
        agreement=agreement,
        number=last + 1,
        reason=reason,
        before=before,
        after=after,
        needs_new_decision=needs_new_decision,
        version=version,
        created_by=by,
    )
    initiative_next_due_refresh(initiative=initiative)
    case_document_register(
        initiative=initiative,
        by=by,
        received_at=amendment.created_at,
        subject=gettext_noop("Ändring %(n)s av avtalet, avtalsversion %(v)s"),
        document=gettext_noop("Avtalsändring"),
        n=amendment.number,
        v=version.number,
    )
    send_on_commit(
        template="agreement_amended",
        context={
            "diarienummer": initiative.diarienummer,
            "title": initiative.title,
            "forvaltning": initiative.forvaltning.name,
            "number": amendment.number,
            "version": version.number,
            "reason": reason,
            "before": before,
            "after": after,
            "notice": NEW_DECISION_NOTICE if needs_new_decision else "",
            "url": portal_url("initiatives:detail", initiative.pk) + "#avtalsandringar",
        },
        to=organisation_addresses(initiative),
    )
    return amendment
