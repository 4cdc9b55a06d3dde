"""Writes of the tjänsteutlåtande: draft, edit, submit, approve (→ upprättad), correct."""

import datetime
import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.notifications import record_language
from core.stored_files import atomic_with_files, file_save
from initiatives.models import Attachment, DiaryEntry, Initiative, Status
from initiatives.workflow import lock_initiative

from . import permissions
from .models import (
    Tjansteutlatande,
    TjansteutlatandeAvsnitt,
    TjansteutlatandeBilaga,
    TjansteutlatandeGodkannande,
    TjansteutlatandeMall,
    Undertecknare,
)
from .models.tjansteutlatande import TEXT_SECTIONS
from .tjansteutlatande_documents import tjansteutlatande_pdf
from .tjansteutlatande_prefill import prefill

# The case can have its tjänsteutlåtande written once the förvaltning assesses it.
WRITABLE_STATUSES = (Status.ASSESSMENT, Status.AGREEMENT, Status.DECISION)
# Sections a version must have (where its template has them) before it goes for approval.
REQUIRED_SECTIONS = ("forslag_till_beslut", "sammanfattning", "bakgrund", "arendet")
EDITABLE_FIELDS = (
    "forvaltning_name",
    "handlaggare_name",
    "handlaggare_phone",
    "till",
    "dnr",
    "title",
    *TEXT_SECTIONS,
    "fotnoter",
    "rattelse",
)


def _locked(tu: Tjansteutlatande) -> Tjansteutlatande:
    return Tjansteutlatande.objects.select_for_update().select_related("mall").get(pk=tu.pk)


def _check_writer(tu_or_case, by: User) -> None:
    initiative = getattr(tu_or_case, "initiative", tu_or_case)
    if not permissions.can_write_tjansteutlatande(by, initiative):
        raise PermissionDenied


def mall_for(forvaltning) -> TjansteutlatandeMall:
    mall = TjansteutlatandeMall.objects.filter(forvaltning=forvaltning).first()
    return mall or TjansteutlatandeMall.objects.get(is_default=True)


@transaction.atomic
def tjansteutlatande_draft_create(*, initiative: Initiative, by: User) -> Tjansteutlatande:
    """Start the case's tjänsteutlåtande from its template, prefilled from the case."""
    initiative = lock_initiative(initiative.pk)
    _check_writer(initiative, by)
    if initiative.status not in WRITABLE_STATUSES:
        raise ValidationError(
            _(
                "Ärendet har status ”%(status)s”; ett tjänsteutlåtande skrivs medan ärendet "
                "bedöms och bereds för nämnden."
            )
            % {"status": initiative.get_status_display()},
            code="wrong_status",
        )
    if not hasattr(initiative, "assessment"):
        raise ValidationError(
            _(
                "Tjänsteutlåtandet bygger på förvaltningens bedömning, och ärendet har ingen "
                "ännu. Påbörja bedömningen först."
            ),
            code="no_assessment",
        )
    existing = Tjansteutlatande.objects.filter(initiative=initiative)
    if existing.filter(status__in=Tjansteutlatande.OPEN).exists():
        raise ValidationError(
            _("Ärendet har redan ett utkast till tjänsteutlåtande; fortsätt på det."),
            code="open_draft",
        )
    if existing.exists():
        raise ValidationError(
            _("Ärendet har redan ett upprättat tjänsteutlåtande; gör en rättelse i stället."),
            code="upprattad",
        )
    mall = mall_for(initiative.forvaltning)
    with record_language():
        proposed = prefill(
            initiative=initiative,
            with_beslutsunderlag="beslutsunderlag" in dict(mall.sections),
        )
    tu = Tjansteutlatande(initiative=initiative, mall=mall, created_by=by, **proposed["fields"])
    tu.full_clean()
    tu.save()
    TjansteutlatandeBilaga.objects.bulk_create(
        TjansteutlatandeBilaga(tjansteutlatande=tu, number=n, title=title, dnr=tu.dnr)
        for n, title in enumerate(proposed["bilagor"], start=1)
    )
    return tu


def _reopen(tu: Tjansteutlatande) -> None:
    """An edit while approvals are collected sends the version back to draft: an approval is
    of the text as it was."""
    if tu.status == Tjansteutlatande.Status.GRANSKNING:
        tu.godkannanden.all().delete()
        tu.status = Tjansteutlatande.Status.UTKAST
        tu.submitted_at = None


@transaction.atomic
def tjansteutlatande_update(
    *, tjansteutlatande: Tjansteutlatande, by: User, **fields
) -> Tjansteutlatande:
    """Change the header and section texts of an open version."""
    tu = _locked(tjansteutlatande)
    _check_writer(tu, by)
    tu.refuse_change()
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(tu, name, value)
    _reopen(tu)
    tu.full_clean()
    tu.save()
    return tu


@transaction.atomic
def tjansteutlatande_bilaga_add(
    *,
    tjansteutlatande: Tjansteutlatande,
    by: User,
    title: str = "",
    dnr: str = "",
    attachment: Attachment | None = None,
) -> TjansteutlatandeBilaga:
    """Add a numbered bilaga: a described document, or one of the case's own attachments."""
    tu = _locked(tjansteutlatande)
    _check_writer(tu, by)
    tu.refuse_change()
    if attachment is not None and attachment.initiative_id != tu.initiative_id:
        raise ValidationError(_("Bilagan hör inte till det här ärendet."), code="other_case")
    title = title or (attachment.description or attachment.original_name if attachment else "")
    if not title.strip():
        raise ValidationError({"title": _("Ange bilagans titel eller välj en av ärendets filer.")})
    number = (tu.bilagor.aggregate(n=Max("number"))["n"] or 0) + 1
    bilaga = TjansteutlatandeBilaga(
        tjansteutlatande=tu, number=number, title=title, dnr=dnr or tu.dnr, attachment=attachment
    )
    bilaga.full_clean()
    bilaga.save()
    _reopen(tu)
    tu.save()
    return bilaga


@transaction.atomic
def tjansteutlatande_bilaga_remove(*, bilaga: TjansteutlatandeBilaga, by: User) -> None:
    """Remove a bilaga; those after it move up a number, so the list stays 1, 2, 3."""
    tu = _locked(bilaga.tjansteutlatande)
    _check_writer(tu, by)
    tu.refuse_change()
    bilaga.delete()
    for n, rest in enumerate(tu.bilagor.order_by("number"), start=1):
        if rest.number != n:
            TjansteutlatandeBilaga.objects.filter(pk=rest.pk).update(number=n)
    _reopen(tu)
    tu.save()


@transaction.atomic
def tjansteutlatande_avsnitt_add(
    *,
    tjansteutlatande: Tjansteutlatande,
    by: User,
    heading: str,
    text: str,
    after: str = "synpunkter",
) -> TjansteutlatandeAvsnitt:
    """Add a section of the writer's own, placed after one of the template's sections."""
    tu = _locked(tjansteutlatande)
    _check_writer(tu, by)
    tu.refuse_change()
    order = (tu.avsnitt.aggregate(n=Max("order"))["n"] or 0) + 1
    avsnitt = TjansteutlatandeAvsnitt(
        tjansteutlatande=tu, heading=heading, text=text, after=after, order=order
    )
    avsnitt.full_clean()
    avsnitt.save()
    _reopen(tu)
    tu.save()
    return avsnitt


@transaction.atomic
def tjansteutlatande_avsnitt_remove(*, avsnitt: TjansteutlatandeAvsnitt, by: User) -> None:
    tu = _locked(avsnitt.tjansteutlatande)
    _check_writer(tu, by)
    tu.refuse_change()
    avsnitt.delete()
    _reopen(tu)
    tu.save()


def _signatories(tu: Tjansteutlatande) -> dict[str, Undertecknare]:
    return {
        u.roll: u
        for u in Undertecknare.objects.filter(
            forvaltning_id=tu.initiative.forvaltning_id
        ).select_related("user")
    }


@transaction.atomic
def tjansteutlatande_submit_for_approval(
    *, tjansteutlatande: Tjansteutlatande, by: User
) -> Tjansteutlatande:
    """Send a complete draft to the förvaltningschef (and the second signatory) for approval."""
    tu = _locked(tjansteutlatande)
    _check_writer(tu, by)
    tu.refuse_change()
    if tu.status != Tjansteutlatande.Status.UTKAST:
        raise ValidationError(
            _("Tjänsteutlåtandet väntar redan på godkännande."), code="already_submitted"
        )
    in_mall = dict(tu.mall.sections)
    empty = {
        key: _("Avsnittet ”%(heading)s” är tomt; skriv det innan utlåtandet godkänns.")
        % {"heading": in_mall[key]}
        for key in REQUIRED_SECTIONS
        if key in in_mall and not getattr(tu, key).strip()
    }
    if empty:
        raise ValidationError(empty)
    if Undertecknare.Roll.CHEF not in _signatories(tu):
        raise ValidationError(
            _(
                "Förvaltningen har ingen förvaltningschef angiven som undertecknare; be "
                "administratören lägga in den innan utlåtandet lämnas för godkännande."
            ),
            code="no_chef",
        )
    tu.status = Tjansteutlatande.Status.GRANSKNING
    tu.submitted_at = timezone.now()
    tu.save()
    return tu


@atomic_with_files()
def tjansteutlatande_approve(
    *,
    tjansteutlatande: Tjansteutlatande,
    by: User,
    dated: datetime.date | None = None,
) -> Tjansteutlatande:
    """Approve as förvaltningschef or second signatory; the last approval upprättar it.

    `dated` (the demo and the tests' past cases; no page offers it) gives an upprättande date
    before today, as for a tjänsteutlåtande signed on paper before it was entered.
    """
    tu = _locked(tjansteutlatande)
    tu.refuse_change()
    if tu.status != Tjansteutlatande.Status.GRANSKNING:
        raise ValidationError(
            _("Tjänsteutlåtandet har inte lämnats för godkännande ännu."), code="not_submitted"
        )
    signatories = _signatories(tu)
    roles = [roll for roll, u in signatories.items() if u.user_id == by.pk and by.is_active]
    if not roles:
        raise ValidationError(
            _(
                "Bara förvaltningschefen eller förvaltningens andra undertecknare kan godkänna "
                "tjänsteutlåtandet."
            ),
            code="wrong_person",
        )
    done = set(tu.godkannanden.values_list("roll", flat=True))
    pending = [r for r in roles if r not in done]
    if not pending:
        raise ValidationError(
            _("Du har redan godkänt den här versionen av tjänsteutlåtandet."), code="twice"
        )
    roll = pending[0]
    TjansteutlatandeGodkannande.objects.create(
        tjansteutlatande=tu,
        roll=roll,
        user=by,
        name=by.get_full_name() or by.get_username(),
        titel=signatories[roll].titel,
    )
    if set(signatories) <= done | {roll}:
        _upratta(tu, by=by, dated=dated)
    return tu


def _upratta(tu: Tjansteutlatande, *, by: User, dated: datetime.date | None) -> None:
    """Fix the date, render the PDF once, store it with its checksum and register it."""
    today = timezone.localdate()
    if dated is not None and dated > today:
        raise ValidationError(_("Ett tjänsteutlåtande kan inte upprättas i framtiden."))
    tu.upprattad_on = dated or today
    tu.save(update_fields=["upprattad_on"])
    pdf = tjansteutlatande_pdf(tjansteutlatande=tu)
    # Written before the row commits (an upprättad row always has its PDF), and deleted again
    # should the approval roll back (atomic_with_files).
    file_save(tu.pdf, f"tjansteutlatande-{tu.initiative_id}-v{tu.version}.pdf", ContentFile(pdf))
    tu.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
    received = (
        timezone.now()
        if dated is None or dated == today
        else timezone.make_aware(datetime.datetime.combine(dated, datetime.time(12)))
    )
    with record_language():
        subject = _("Tjänsteutlåtande: %(title)s") % {"title": tu.title}
        if tu.replaces_id:
            subject = _("%(subject)s (rättelse, version %(version)s)") % {
                "subject": subject,
                "version": tu.version,
            }
        tu.diary_entry = DiaryEntry.objects.create(
            initiative=tu.initiative,
            received_at=received,
            sender=tu.forvaltning_name,
            subject=subject[:300],
            document=_("Tjänsteutlåtande"),
            registered_by=by,
        )
    tu.status = Tjansteutlatande.Status.UPPRATTAD
    tu.save()
    if tu.replaces_id:
        old = Tjansteutlatande.objects.get(pk=tu.replaces_id)
        old.status = Tjansteutlatande.Status.ERSATT
        old.save(update_fields=["status"])


@transaction.atomic
def tjansteutlatande_correct(
    *, tjansteutlatande: Tjansteutlatande, by: User, reason: str
) -> Tjansteutlatande:
    """Start a correction: a new draft version, a copy of the upprättat one that it replaces."""
    old = _locked(tjansteutlatande)
    _check_writer(old, by)
    if old.status != Tjansteutlatande.Status.UPPRATTAD:
        raise ValidationError(
            _("Bara det gällande upprättade tjänsteutlåtandet kan rättas."), code="not_upprattad"
        )
    if not (reason or "").strip():
        raise ValidationError({"rattelse": _("Skriv vad rättelsen gäller.")})
    if Tjansteutlatande.objects.filter(
        initiative_id=old.initiative_id, status__in=Tjansteutlatande.OPEN
    ).exists():
        raise ValidationError(
            _("Ärendet har redan ett utkast till tjänsteutlåtande; fortsätt på det."),
            code="open_draft",
        )
    copied = {name: getattr(old, name) for name in EDITABLE_FIELDS if name != "rattelse"}
    new = Tjansteutlatande(
        initiative_id=old.initiative_id,
        mall=old.mall,
        version=old.version + 1,
        replaces=old,
        rattelse=reason.strip(),
        created_by=by,
        **copied,
    )
    new.full_clean()
    new.save()
    TjansteutlatandeBilaga.objects.bulk_create(
        TjansteutlatandeBilaga(
            tjansteutlatande=new, number=b.number, title=b.title, dnr=b.dnr, attachment=b.attachment
        )
        for b in old.bilagor.all()
    )
    TjansteutlatandeAvsnitt.objects.bulk_create(
        TjansteutlatandeAvsnitt(
            tjansteutlatande=new, heading=a.heading, text=a.text, order=a.order, after=a.after
        )
        for a in old.avsnitt.all()
    )
    return new


def undertecknare_check(*, forvaltning, user: User) -> None:
    """Refuse a signatory who is not on the förvaltning's staff (the admin's form asks too)."""
    if user.forvaltning_id != forvaltning.pk and not user.is_superuser:
        raise ValidationError(
            {"user": _("Undertecknaren ska vara anställd vid förvaltningen.")},
            code="other_forvaltning",
        )


@transaction.atomic
def undertecknare_set(*, forvaltning, roll: str, user: User, titel: str, by: User) -> Undertecknare:
    """Name who approves the förvaltning's tjänsteutlåtanden in a role (administrators)."""
    if not (by.is_superuser or by.has_perm("decisions.change_undertecknare")):
        raise PermissionDenied
    undertecknare_check(forvaltning=forvaltning, user=user)
    signatory, _created = Undertecknare.objects.update_or_create(
        forvaltning=forvaltning, roll=roll, defaults={"user": user, "titel": titel}
    )
    return signatory
