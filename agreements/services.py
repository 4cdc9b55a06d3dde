"""Writes for the agreement: draft, edit and publish it, send it to the organisation and nämnd."""

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User
from core.notifications import record_language, record_text, send_on_commit
from core.records import save_fields
from initiatives import permissions
from initiatives.models import Initiative, Status
from initiatives.next_due import initiative_next_due_refresh
from initiatives.workflow import initiative_transition, lock_initiative

from . import clauses, drafting
from .models import (
    Agreement,
    AgreementClause,
    AgreementGoal,
    AgreementTemplate,
    AgreementVersion,
    ClauseKind,
    Contribution,
    InKind,
    Party,
    ReportDate,
)


def _editable_check(initiative: Initiative) -> None:
    if initiative.status != Status.AGREEMENT:
        raise ValidationError(
            _(
                "Avtalet kan bara ändras medan ärendet har status ”%(agreement)s”; ärendet har "
                "status ”%(status)s”."
            )
            % {"agreement": Status.AGREEMENT.label, "status": initiative.get_status_display()},
            code="not_editable",
        )


@transaction.atomic
def agreement_create_draft(
    *, initiative: Initiative, by: User, template: AgreementTemplate | None = None
) -> Agreement:
    """Start the agreement from a template's clauses filled with the case's own data."""
    initiative = lock_initiative(initiative.pk)
    if not permissions.can_handle_case(by, initiative):
        raise PermissionDenied
    if initiative.status != Status.AGREEMENT:
        raise ValidationError(
            _("Ett avtal kan bara tas fram när bedömningen rekommenderar IOP."),
            code="wrong_status",
        )
    if Agreement.objects.filter(initiative=initiative).exists():
        return initiative.agreement
    template = template or clauses.template_for(initiative)
    if template is None:
        raise ValidationError(
            _("Det finns ingen avtalsmall. Lägg upp en avtalsmall under Avtalsmallar först."),
            code="no_template",
        )
    if template.forvaltning_id not in (None, initiative.forvaltning_id):
        raise PermissionDenied
    with record_language():
        agreement = _agreement_from_case(
            initiative=initiative,
            template=template,
            start=initiative.term_start,
            end=initiative.term_end,
            by=by,
        )
        _version_save(agreement=agreement, by=by)
    initiative_next_due_refresh(initiative=initiative)
    return agreement


def _agreement_from_case(*, initiative: Initiative, template, start, end, by: User) -> Agreement:
    values = clauses.case_values(initiative=initiative, term_start=start, term_end=end)
    texts = [
        (c.kind, c.heading, clauses.fill(c.text, values))
        for c in template.clauses.order_by("position")
    ]
    by_kind = {kind: text for kind, _heading, text in texts}
    agreement = Agreement.objects.create(
        initiative=initiative,
        template=template,
        purpose=by_kind.get(ClauseKind.PURPOSE, initiative.challenge),
        activities=by_kind.get(ClauseKind.ACTIVITY, initiative.activity),
        term_start=start,
        term_end=end,
        municipality_signatory=initiative.forvaltning.head_name,
        municipality_signatory_title=_("Förvaltningschef"),
        organisation_signatory=initiative.organisation.contact_name,
        created_by=by,
    )
    AgreementClause.objects.bulk_create(
        AgreementClause(agreement=agreement, kind=kind, position=n, heading=heading, text=text)
        for n, (kind, heading, text) in enumerate(texts, start=1)
    )
    for year in range(start.year, end.year + 1):
        if initiative.requested_amount_per_year or initiative.requested_other_resources:
            Contribution.objects.create(
                agreement=agreement,
                party=Party.MUNICIPALITY,
                year=year,
                amount_sek=initiative.requested_amount_per_year or 0,
                in_kind_type=InKind.OTHER if initiative.requested_other_resources else "",
                in_kind_description=initiative.requested_other_resources,
            )
        if initiative.own_contribution:
            Contribution.objects.create(
                agreement=agreement,
                party=Party.ORGANISATION,
                year=year,
                in_kind_type=InKind.OTHER,
                in_kind_description=initiative.own_contribution,
            )
    # A mid-term report (for terms over four months) and a final report at the end.
    if (end - start).days > 120:
        ReportDate.objects.create(
            agreement=agreement,
            due_date=start + (end - start) / 2,
            description=_("Delrapport"),
        )
    ReportDate.objects.create(agreement=agreement, due_date=end, description=_("Slutrapport"))
    return agreement


def _version_save(*, agreement: Agreement, by: User) -> AgreementVersion:
    """Number and store the agreement as it now stands; the caller holds the case lock."""
    agreement = Agreement.objects.prefetch_related(
        "clauses", "goals", "contributions", "report_dates"
    ).get(pk=agreement.pk)
    last = agreement.versions.aggregate(n=Max("number"))["n"] or 0
    return AgreementVersion.objects.create(
        agreement=agreement, number=last + 1, snapshot=drafting.snapshot(agreement), created_by=by
    )


AGREEMENT_FIELDS = ("term_start", "term_end", *drafting.SIGNATORY_FIELDS)


def _rows_update(*, model, agreement, rows: list[dict], fields: tuple[str, ...], errors, label):
    """Make the agreement's rows of `model` equal `rows`: each with an "id" is changed, each
    without one is added, and rows not listed are removed. Validation errors go to `errors`."""
    existing = {obj.pk: obj for obj in model.objects.filter(agreement=agreement)}
    keep = set()
    to_save = []
    for n, row in enumerate(rows, start=1):
        obj = existing.get(row.get("id")) if row.get("id") else model(agreement=agreement)
        if obj is None:
            errors.append(
                _("%(label)s %(n)s hör inte till det här avtalet.") % {"label": label, "n": n}
            )
            continue
        keep.add(obj.pk)
        for name in fields:
            if name in row:
                setattr(obj, name, row[name])
        try:
            obj.full_clean(exclude=["agreement"], validate_unique=False)
        except ValidationError as error:
            errors.extend(f"{label} {n}: {message}" for message in error.messages)
        to_save.append(obj)
    return to_save, [obj for pk, obj in existing.items() if pk not in keep]


@transaction.atomic
def agreement_update(
    *,
    agreement: Agreement,
    by: User,
    fields: dict | None = None,
    clause_texts: dict[int, dict] | None = None,
    contributions: list[dict] | None = None,
    report_dates: list[dict] | None = None,
    goals: list[dict] | None = None,
) -> AgreementVersion:
    """Save edits to the draft and store the result as a new version.

    `clause_texts` maps a clause id to its new {"heading", "text"}; `contributions`,
    `report_dates` and `goals` ({"goal", "indicator", "target"}, in order), when given, are
    the complete new lists (rows with an "id" are changed, rows without are added, rows left
    out are removed). Nothing is saved unless all of it is valid.
    """
    initiative = lock_initiative(agreement.initiative_id)
    if not permissions.can_handle_case(by, initiative):
        raise PermissionDenied
    _editable_check(initiative)
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    errors: dict[str, list] = {}
    for name, value in (fields or {}).items():
        if name not in AGREEMENT_FIELDS:
            raise ValueError(f"agreement_update cannot change {name!r}")
        setattr(agreement, name, value)
    if agreement.term_start and agreement.term_end and agreement.term_end < agreement.term_start:
        errors["term_end"] = [_("Avtalstiden kan inte sluta innan den börjar.")]
    try:
        # The term's check constraint is reported on term_end above, not a second time here.
        agreement.full_clean(
            exclude=["initiative", "created_by", "template"], validate_constraints=False
        )
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(m for m in messages if m not in errors.get(name, []))

    own_clauses = {c.pk: c for c in agreement.clauses.all()}
    changed_clauses = []
    for pk, values in (clause_texts or {}).items():
        clause = own_clauses.get(pk)
        if clause is None:
            errors.setdefault(NON_FIELD_ERRORS, []).append(
                _("Avtalspunkten hör inte till det här avtalet.")
            )
            continue
        clause.heading = values.get("heading", clause.heading).strip() or clause.get_kind_display()
        clause.text = values.get("text", clause.text)
        try:
            clause.full_clean(exclude=["agreement"], validate_unique=False)
        except ValidationError as error:
            errors.setdefault(NON_FIELD_ERRORS, []).extend(
                f"{clause.heading}: {message}" for message in error.messages
            )
        changed_clauses.append(clause)

    row_errors: list[str] = []
    contribution_rows = removed_contributions = report_rows = removed_reports = ()
    goal_rows = removed_goals = ()
    if goals is not None:
        goal_rows, removed_goals = _rows_update(
            model=AgreementGoal,
            agreement=agreement,
            rows=[{**row, "order": n} for n, row in enumerate(goals, start=1)],
            fields=("order", *drafting.GOAL_FIELDS),
            errors=row_errors,
            label=_("Mål"),
        )
    if contributions is not None:
        contribution_rows, removed_contributions = _rows_update(
            model=Contribution,
            agreement=agreement,
            rows=contributions,
            fields=drafting.CONTRIBUTION_FIELDS,
            errors=row_errors,
            label=_("Insats"),
        )
        years = range(agreement.term_start.year, agreement.term_end.year + 1)
        for n, c in enumerate(contribution_rows, start=1):
            if c.year not in years:
                row_errors.append(
                    _("Insats %(n)s: året %(year)s ligger utanför avtalstiden.")
                    % {"n": n, "year": c.year}
                )
    if report_dates is not None:
        report_rows, removed_reports = _rows_update(
            model=ReportDate,
            agreement=agreement,
            rows=report_dates,
            fields=("due_date", "description"),
            errors=row_errors,
            label=_("Rapportdatum"),
        )
    if row_errors:
        # A field validator and the table's check constraint may say the same thing once each.
        errors.setdefault(NON_FIELD_ERRORS, []).extend(dict.fromkeys(row_errors))
    if errors:
        raise ValidationError(errors)

    for clause in changed_clauses:
        clause._history_user = by
        clause.save(update_fields=["heading", "text"])
        if clause.kind == ClauseKind.PURPOSE:
            agreement.purpose = clause.text
        elif clause.kind == ClauseKind.ACTIVITY:
            agreement.activities = clause.text
    agreement._history_user = by
    agreement.save()
    for obj in [*removed_contributions, *removed_reports, *removed_goals]:
        obj.delete()
    # Orders are renumbered from 1: park the kept goals out of the way of the unique order first.
    for n, goal in enumerate(g for g in goal_rows if g.pk):
        AgreementGoal.objects.filter(pk=goal.pk).update(order=10_000 + n)
    for obj in [*contribution_rows, *report_rows, *goal_rows]:
        obj._history_user = by
        obj.save()
    initiative_next_due_refresh(initiative=initiative)
    return _version_save(agreement=agreement, by=by)


@transaction.atomic
def agreement_publication_set(
    *, agreement: Agreement, publishable: bool, public_summary: str, by: User
) -> Agreement:
    """Choose whether the partnership shows in the public register, and with what summary.

    Unlike the agreement's terms this stays open after the decision: publishing is the
    förvaltning's choice about openness, not part of what the parties agreed.
    """
    lock_initiative(agreement.initiative_id)
    agreement = Agreement.objects.select_related("initiative").get(pk=agreement.pk)
    if not permissions.can_handle_case(by, agreement.initiative):
        raise PermissionDenied
    if publishable and not public_summary.strip():
        raise ValidationError(
            {
                "public_summary": _(
                    "Skriv en kort beskrivning innan partnerskapet visas i registret."
                )
            },
            code="summary_required",
        )
    agreement.publishable = publishable
    try:
        agreement.public_summary = Agreement._meta.get_field("public_summary").clean(
            public_summary, agreement
        )
    except ValidationError as error:
        raise ValidationError({"public_summary": error.messages}) from None
    agreement._history_user = by
    agreement.save(update_fields=["publishable", "public_summary"])
    return agreement


@transaction.atomic
def agreement_send_to_organisation(*, agreement: Agreement, by: User) -> AgreementVersion:
    """Send the latest saved version to the organisation to read and comment on."""
    initiative = lock_initiative(agreement.initiative_id)
    if not permissions.can_handle_case(by, initiative):
        raise PermissionDenied
    _editable_check(initiative)
    version = agreement.versions.order_by("-number").first() or _version_save(
        agreement=agreement, by=by
    )
    if version.sent_at is None:
        save_fields(
            version,
            by=by,
            fields={"sent_at": timezone.now()},
            by_field="sent_by",
            validate=False,
            partial=True,
        )
    organisation = initiative.organisation
    send_on_commit(
        template="agreement_sent",
        context={
            "diarienummer": initiative.diarienummer,
            "title": initiative.title,
            "version": version.number,
            "forvaltning": initiative.forvaltning.name,
            "url": settings.IOP_PORTAL_URL.rstrip("/")
            + reverse("agreements:draft", args=[initiative.pk]),
        },
        to=[organisation.contact_email],
    )
    return version


def agreement_check_complete(*, agreement: Agreement) -> None:
    errors = []
    parties = set(agreement.contributions.values_list("party", flat=True))
    if Party.ORGANISATION not in parties or Party.MUNICIPALITY not in parties:
        errors.append(_("Båda parterna ska ha minst en insats (kriteriet att båda finansierar)."))
    if not agreement.report_dates.exists():
        errors.append(_("Lägg till minst ett rapportdatum för uppföljningen."))
    texts = dict(agreement.clauses.values_list("kind", "text"))
    if not texts.get(ClauseKind.REPAYMENT, "").strip():
        errors.append(_("Avtalet saknar villkor om återbetalning."))
    if not texts.get(ClauseKind.KNOWLEDGE_SHARING, "").strip():
        errors.append(_("Avtalet saknar villkor om hur kunskapen tas tillvara."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def agreement_submit_for_decision(*, agreement: Agreement, by: User) -> Agreement:
    """Send the finished draft to the nämnd: the case waits for its decision."""
    if not permissions.can_handle_case(by, agreement.initiative):
        raise PermissionDenied
    agreement_check_complete(agreement=agreement)
    initiative_transition(
        initiative=agreement.initiative,
        to=Status.DECISION,
        by=by,
        note=record_text(gettext_noop("Avtalsförslag och tjänsteutlåtande till nämnden")),
    )
    return agreement
