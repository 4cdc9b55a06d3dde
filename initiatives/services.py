"""Writes for organisations and initiatives: drafting, submitting and registering."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from iop_portal.notifications import record_language, send_on_commit

from . import attachments, permissions
from .models import (
    Attachment,
    DiaryCounter,
    DiaryEntry,
    Initiative,
    Membership,
    Organisation,
    Status,
)
from .validators import normalise_bankgiro, normalise_org_number
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


@transaction.atomic
def organisation_create(*, user, role=Membership.Role.FIRMATECKNARE, **fields) -> Organisation:
    """Create an organisation profile with `user` as its first representative."""
    fields["org_number"] = normalise_org_number(fields["org_number"])
    if fields.get("bankgiro"):
        fields["bankgiro"] = normalise_bankgiro(fields["bankgiro"])
    organisation = Organisation(**fields)
    organisation.full_clean()
    organisation.save()
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return organisation


@transaction.atomic
def initiative_save_draft(
    *, user, organisation: Organisation, initiative: Initiative | None = None, **fields
) -> Initiative:
    """Create or update a draft; only the organisation's own members may, and only drafts."""
    if not permissions.is_member(user, organisation):
        raise PermissionDenied
    unknown = set(fields) - set(DRAFT_FIELDS)
    if unknown:
        raise TypeError(f"not draft fields: {sorted(unknown)}")
    if initiative is None:
        initiative = Initiative(organisation=organisation, created_by=user)
    else:
        initiative = lock_initiative(initiative.pk)
        if initiative.organisation_id != organisation.pk:
            raise PermissionDenied
        if initiative.status != Status.DRAFT:
            raise ValidationError(
                _("Initiativet är redan inskickat och kan inte längre ändras."), code="not_draft"
            )
    for name, value in fields.items():
        setattr(initiative, name, value)
    initiative.full_clean(exclude=["diarienummer", "handlaggare", "status"])
    initiative._history_user = user
    initiative.save()
    return initiative


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
def initiative_submit(*, initiative: Initiative, user) -> Initiative:
    """Submit a complete draft: register it in the diary, give it a diarienummer, send a receipt."""
    initiative = lock_initiative(initiative.pk)
    if not permissions.can_submit_initiative(user, initiative):
        if initiative.status != Status.DRAFT:
            raise ValidationError(
                _("Initiativet är redan inskickat (%(dnr)s).") % {"dnr": initiative.diarienummer},
                code="already_submitted",
            )
        if permissions.is_member(user, initiative.organisation):
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
    initiative._history_user = user
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
    initiative_transition(initiative=initiative, to=Status.SUBMITTED, by=user, note=note)
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
        to=[user.email, organisation.contact_email],
    )
    return initiative


@transaction.atomic
def initiative_assign(*, initiative: Initiative, handlaggare, by) -> Initiative:
    """Make `handlaggare` responsible for the case; they must be staff of its förvaltning."""
    initiative = lock_initiative(initiative.pk)
    if not permissions.can_handle_case(by, initiative):
        raise PermissionDenied
    if not permissions.can_handle_case(handlaggare, initiative):
        raise ValidationError(
            {
                "handlaggare": _("Handläggaren måste arbeta på %(forvaltning)s.")
                % {"forvaltning": initiative.forvaltning}
            },
        )
    initiative.handlaggare = handlaggare
    initiative._history_user = by
    initiative.save(update_fields=["handlaggare", "updated_at"])
    return initiative


@transaction.atomic
def attachment_add(
    *, initiative: Initiative, uploaded_file, by, description: str = ""
) -> Attachment:
    """Store a checked file on the case. After submission it is registered in the diary too.

    The case row is locked so that two uploads at once cannot together pass the per-case limit.
    """
    initiative = lock_initiative(initiative.pk)
    if not permissions.can_attach(by, initiative):
        raise PermissionDenied
    checked = attachments.check_upload(uploaded_file)
    used = initiative.attachments.aggregate(total=Sum("size"))["total"] or 0
    attachments.check_case_total(current_total=used, adding=checked.size, name=checked.name)
    attachment = Attachment(
        initiative=initiative,
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        description=description,
        uploaded_by=by,
    )
    attachment.file.save(checked.name, uploaded_file, save=False)
    try:
        attachment.save()
        if initiative.status != Status.DRAFT:
            _register_attachment(attachment=attachment, by=by)
    except BaseException:
        # A stored file without its row would belong to no case: take it away again.
        attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment


def _register_attachment(*, attachment: Attachment, by) -> None:
    initiative = attachment.initiative
    organisation = initiative.organisation
    with record_language():
        DiaryEntry.objects.create(
            initiative=initiative,
            received_at=attachment.uploaded_at,
            sender=initiative.forvaltning.name
            if by.is_staff
            else f"{organisation.name} ({organisation.org_number})",
            subject=_("Bilaga: %(name)s") % {"name": attachment.original_name},
            document=_("Bilaga"),
            registered_by=by if by.is_staff else None,
        )


@transaction.atomic
def attachment_remove(*, attachment: Attachment, by) -> None:
    """Remove an attachment from a draft; once submitted it is a document of the case and stays."""
    initiative = lock_initiative(attachment.initiative_id)
    if not permissions.can_edit_initiative(by, initiative):
        if initiative.status != Status.DRAFT:
            raise ValidationError(
                _("Bilagan hör till ett inskickat ärende och kan inte tas bort."), code="registered"
            )
        raise PermissionDenied
    attachment.file.delete(save=False)
    attachment.delete()
