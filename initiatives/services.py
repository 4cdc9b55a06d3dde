"""Writes for initiatives: drafting, submitting, registering, dialogue meetings and watch dates."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.permissions import is_staff_member
from core.notifications import record_language, send_on_commit
from core.records import save_fields
from organisations import permissions as organisation_permissions
from organisations.models import Organisation

from . import permissions
from .models import (
    OPEN_STATUSES,
    DialogueMeeting,
    DiaryCounter,
    DiaryEntry,
    DraftProgress,
    Initiative,
    ReceivedVia,
    Status,
    WatchDate,
)
from .next_due import initiative_next_due_refresh
from .workflow import initiative_transition, lock_initiative

# The fields an organisation fills in; all must be set before the initiative can be submitted.
DRAFT_FIELDS = (
    "forvaltning",
    "title",
    "challenge",
    "activity",
    "target_group",
    "term_start",
    "term_end",
    "own_contribution",
    "requested_amount_per_year",
    "requested_other_resources",
    "political_programme",
)
OPTIONAL_ON_SUBMIT = frozenset({"requested_other_resources"})


def draft_progress_record(*, initiative: Initiative, step: str) -> None:
    """Remember the wizard step a draft is at (the draft itself: initiative_save_draft)."""
    DraftProgress.objects.update_or_create(initiative=initiative, defaults={"step": step})


@transaction.atomic
def initiative_save_draft(
    *, by: User, organisation: Organisation, initiative: Initiative | None = None, **fields
) -> Initiative:
    """Create or update a draft; only the organisation's own members may, and only drafts."""
    if not organisation_permissions.is_member(by, organisation):
        raise PermissionDenied
    unknown = set(fields) - set(DRAFT_FIELDS)
    if unknown:
        raise TypeError(f"not draft fields: {sorted(unknown)}")
    if initiative is None:
        initiative = Initiative(organisation=organisation, created_by=by)
    else:
        initiative = lock_initiative(initiative.pk)
        if initiative.organisation_id != organisation.pk:
            raise PermissionDenied
        if initiative.status != Status.DRAFT:
            raise ValidationError(
                _("Initiativet är redan inskickat och kan inte längre ändras."), code="not_draft"
            )
    return save_fields(
        initiative, by=by, fields=fields, exclude=["diarienummer", "handlaggare", "status"]
    )


def initiative_check_complete(*, initiative: Initiative) -> None:
    """Raise ValidationError naming each field that must be filled in before submitting."""
    errors = {}
    for name in DRAFT_FIELDS:
        if name in OPTIONAL_ON_SUBMIT:
            continue
        value = getattr(initiative, name + "_id" if name == "forvaltning" else name)
        if value is None or (isinstance(value, str) and not value.strip()):
            errors[name] = ValidationError(
                _("Fyll i det här fältet innan initiativet skickas in."), code="required_on_submit"
            )
    if errors:
        raise ValidationError(errors)


def diarienummer_allocate(*, forvaltning, year: int) -> str:
    """Return the next diarienummer in the förvaltning's series for `year`.

    Must run inside the transaction that stores the number: the counter row stays locked until
    it commits, so concurrent registrations queue on it and never share or skip a number.
    """
    DiaryCounter.objects.bulk_create(
        [DiaryCounter(forvaltning=forvaltning, year=year)], ignore_conflicts=True
    )
    counter = DiaryCounter.objects.select_for_update().get(forvaltning=forvaltning, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return forvaltning.diary_pattern.format(
        prefix=forvaltning.diary_prefix, year=year, number=counter.last_number
    )


@transaction.atomic
def initiative_submit(*, initiative: Initiative, by: User) -> Initiative:
    """Submit a complete draft: register it in the diary, give it a diarienummer, send a receipt."""
    initiative = lock_initiative(initiative.pk)
    if not permissions.can_submit_initiative(by, initiative):
        if initiative.status != Status.DRAFT:
            raise ValidationError(
                _("Initiativet är redan inskickat (%(dnr)s).") % {"dnr": initiative.diarienummer},
                code="already_submitted",
            )
        if organisation_permissions.is_member(by, initiative.organisation):
            raise ValidationError(
                _(
                    "Bara en firmatecknare kan skicka in initiativet. Be en firmatecknare i "
                    "organisationen att skicka in det; utkastet är sparat."
                ),
                code="not_firmatecknare",
            )
        raise PermissionDenied
    initiative_check_complete(initiative=initiative)
    now = timezone.now()
    forvaltning = initiative.forvaltning
    initiative.diarienummer = diarienummer_allocate(
        forvaltning=forvaltning, year=timezone.localdate(now).year
    )
    initiative.submitted_at = now
    initiative._history_user = by
    initiative.save(update_fields=["diarienummer", "submitted_at", "updated_at"])
    organisation = initiative.organisation
    with record_language():  # the diary is kept in Swedish whatever language the user chose
        DiaryEntry.objects.create(
            initiative=initiative,
            received_at=now,
            sender=f"{organisation.name} ({organisation.org_number})",
            subject=_("Initiativ till idéburet offentligt partnerskap: %(title)s")
            % {"title": initiative.title},
            document=_("Initiativ"),
            registered_by=None,
        )
        note = _("Inskickat via portalen")
    initiative_transition(initiative=initiative, to=Status.SUBMITTED, by=by, note=note)
    send_on_commit(
        template="initiative_receipt",
        context={
            "diarienummer": initiative.diarienummer,
            "title": initiative.title,
            "organisation": organisation.name,
            "forvaltning": forvaltning.name,
            "contact_name": forvaltning.contact_name,
            "contact_email": forvaltning.contact_email,
            "received_at": now,
        },
        to=[by.email, organisation.contact_email],
    )
    if not initiative.handlaggare_id and forvaltning.contact_email:
        # Nobody is assigned yet: the förvaltning's sakkunnig hears of it and assigns it.
        send_on_commit(
            template="initiative_new",
            context={
                "diarienummer": initiative.diarienummer,
                "title": initiative.title,
                "organisation": organisation.name,
                "forvaltning": forvaltning.name,
                "url": settings.IOP_PORTAL_URL.rstrip("/")
                + reverse("admin:initiatives_initiative_change", args=[initiative.pk]),
            },
            to=[forvaltning.contact_email],
        )
    return initiative


# What staff must fill in when registering an initiative that came by mail or on paper; the rest
# is often clarified in the dialogue.
REQUIRED_ON_REGISTRATION = ("title", "challenge", "activity")


@transaction.atomic
def initiative_register_received(
    *,
    by: User,
    organisation: Organisation,
    forvaltning,
    received_on: datetime.date,
    received_via: str,
    **fields,
) -> Initiative:
    """Register an initiative that came in by e-mail, letter or in person, like a portal case.

    It gets the next diarienummer in the förvaltning's series, a diary entry dated the day it
    came in, and status Inkommen; the organisation's contact gets the usual receipt.
    """
    if not is_staff_member(by):
        raise PermissionDenied
    if not permissions.can_register_for(by, forvaltning):
        raise ValidationError(
            {"forvaltning": _("Du kan bara registrera ärenden hos din egen förvaltning.")}
        )
    unknown = set(fields) - set(DRAFT_FIELDS)
    if unknown:
        raise TypeError(f"not initiative fields: {sorted(unknown)}")
    errors = {}
    if received_via == ReceivedVia.PORTAL or received_via not in ReceivedVia.values:
        errors["received_via"] = _("Välj hur initiativet kom in (e-post, brev, personligen …).")
    today = timezone.localdate()
    if received_on > today:
        errors["received_on"] = _("Datumet då initiativet kom in kan inte ligga i framtiden.")
    elif received_on < today - datetime.timedelta(days=366):
        errors["received_on"] = _(
            "Datumet ligger mer än ett år bakåt i tiden. Kontrollera datumet på handlingen."
        )
    for name in REQUIRED_ON_REGISTRATION:
        if not (fields.get(name) or "").strip():
            errors[name] = _("Fyll i det här fältet.")
    if errors:
        raise ValidationError(errors)

    initiative = Initiative(
        organisation=organisation,
        forvaltning=forvaltning,
        created_by=by,
        received_via=received_via,
        **fields,
    )
    initiative.full_clean(exclude=["diarienummer", "handlaggare", "status"])
    now = timezone.now()
    received_at = (
        now
        if received_on == today
        else timezone.make_aware(datetime.datetime.combine(received_on, datetime.time.min))
    )
    initiative.diarienummer = diarienummer_allocate(forvaltning=forvaltning, year=today.year)
    initiative.submitted_at = received_at
    initiative._history_user = by
    # Saved straight as a draft and moved on by the state machine, so the history shows the
    # same step (Utkast → Inkommen) as for a portal case.
    initiative.save()
    via = ReceivedVia(received_via)
    with record_language():
        DiaryEntry.objects.create(
            initiative=initiative,
            received_at=received_at,
            sender=f"{organisation.name} ({organisation.org_number})",
            subject=_("Initiativ till idéburet offentligt partnerskap: %(title)s")
            % {"title": initiative.title},
            document=_("Initiativ (inkom via %(via)s)") % {"via": str(via.label).lower()},
            registered_by=by,
        )
        note = _("Registrerat av förvaltningen, inkom via %(via)s") % {
            "via": str(via.label).lower()
        }
    initiative_transition(initiative=initiative, to=Status.SUBMITTED, by=by, note=note)
    send_on_commit(
        template="initiative_receipt",
        context={
            "diarienummer": initiative.diarienummer,
            "title": initiative.title,
            "organisation": organisation.name,
            "forvaltning": forvaltning.name,
            "contact_name": forvaltning.contact_name,
            "contact_email": forvaltning.contact_email,
            "received_at": received_at,
        },
        to=[organisation.contact_email],
    )
    return initiative


# The dialogue defines the challenge and the solution before and while the case is assessed and
# the agreement drafted; after the nämnd has the case, it is no longer the place for it.
DIALOGUE_STATUSES = frozenset({Status.SUBMITTED, Status.ASSESSMENT, Status.AGREEMENT})


@transaction.atomic
def dialogue_meeting_record(
    *,
    initiative: Initiative,
    by: User,
    held_on: datetime.date,
    participants: str,
    challenge_agreed: str,
    solution_agreed: str,
) -> DialogueMeeting:
    """Record a dialogue meeting held with the organisation, and what the parties agreed."""
    initiative = lock_initiative(initiative.pk)
    if not permissions.can_handle_case(by, initiative):
        raise PermissionDenied
    if initiative.status not in DIALOGUE_STATUSES:
        raise ValidationError(
            _(
                "Dialogmöten antecknas medan ärendet är inkommet, under bedömning eller när "
                "avtalet tas fram. Ärendet har status ”%(status)s”."
            )
            % {"status": Status(initiative.status).label},
            code="dialogue_closed",
        )
    today = timezone.localdate()
    if held_on > today:
        raise ValidationError(
            {"held_on": _("Mötesdatumet ligger i framtiden. Anteckna mötet när det har hållits.")},
            code="meeting_in_future",
        )
    arrived = timezone.localdate(initiative.submitted_at)
    # A meeting about the case is held once it has arrived; talks before that are the guide's
    # and the förvaltning's ordinary contacts, not the case's dialogue.
    if held_on < arrived:
        raise ValidationError(
            {
                "held_on": _(
                    "Mötesdatumet ligger före den dag ärendet kom in (%(date)s). Ange ett datum "
                    "från och med den dagen."
                )
                % {"date": arrived.isoformat()}
            },
            code="meeting_before_arrival",
        )
    meeting = DialogueMeeting(
        initiative=initiative,
        held_on=held_on,
        participants=participants.strip(),
        challenge_agreed=challenge_agreed.strip(),
        solution_agreed=solution_agreed.strip(),
        recorded_by=by,
    )
    meeting.full_clean()
    meeting.save()
    # A meeting is activity on the case even though no field of the case changed.
    Initiative.objects.filter(pk=initiative.pk).update(updated_at=timezone.now())
    return meeting


@transaction.atomic
def watch_date_add(
    *, initiative: Initiative, by: User, due_date: datetime.date, what: str, responsible=None
) -> WatchDate:
    """Set a bevakning on the case: something to do by `due_date`, by `responsible` (or anyone)."""
    initiative = lock_initiative(initiative.pk)
    if not permissions.can_handle_case(by, initiative):
        raise PermissionDenied
    if initiative.status not in OPEN_STATUSES:
        raise ValidationError(
            _("Ärendet är avslutat (”%(status)s”); det går inte att bevaka något i det.")
            % {"status": Status(initiative.status).label},
            code="case_closed",
        )
    today = timezone.localdate()
    if due_date < today:
        raise ValidationError({"due_date": _("Bevakningsdatumet har redan passerat.")})
    if due_date > today + datetime.timedelta(days=3660):
        raise ValidationError({"due_date": _("Bevakningsdatumet ligger mer än tio år fram.")})
    if responsible is not None and not permissions.can_handle_case(responsible, initiative):
        raise ValidationError(
            {
                "responsible": _("Den ansvariga måste arbeta på %(forvaltning)s.")
                % {"forvaltning": initiative.forvaltning}
            }
        )
    watch = WatchDate(
        initiative=initiative,
        due_date=due_date,
        what=what.strip(),
        responsible=responsible,
        created_by=by,
    )
    watch.full_clean()
    watch.save()
    initiative_next_due_refresh(initiative=initiative)
    return watch


@transaction.atomic
def watch_date_complete(*, watch_date: WatchDate, by: User) -> WatchDate:
    """Mark a bevakning as done."""
    watch = WatchDate.objects.select_for_update().select_related("initiative").get(pk=watch_date.pk)
    if not permissions.can_handle_case(by, watch.initiative):
        raise PermissionDenied
    if watch.done_at is not None:
        raise ValidationError(_("Bevakningen är redan klarmarkerad."), code="already_done")
    save_fields(
        watch,
        by=by,
        fields={"done_at": timezone.now()},
        by_field="done_by",
        validate=False,
        partial=True,
    )
    Initiative.objects.filter(pk=watch.initiative_id).update(updated_at=watch.done_at)
    initiative_next_due_refresh(initiative=watch.initiative)
    return watch
