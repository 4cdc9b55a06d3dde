"""Writes of the nämnd's meetings: the meeting, its members, the föredragningslista, the §
numbers and each §'s decision content (the decision itself goes through decisions.services)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Namnd, User
from decisions import selectors as decision_selectors
from decisions import services as decision_services
from decisions.models import Decision
from initiatives.models import Initiative, Status
from initiatives.workflow import lock_initiative

from . import permissions
from .models import Jav, Ledamot, Omrostning, Paragraf, Rost, Sammantrade, Yrkande, Yttrande

# The § outcomes that are decisions of the case; a bordlagd § leaves the case for a later meeting.
DECISION_OUTCOMES = {
    Paragraf.Outcome.BIFALL: Decision.Outcome.APPROVED,
    Paragraf.Outcome.AVSLAG: Decision.Outcome.REJECTED,
    Paragraf.Outcome.ATERREMISS: Decision.Outcome.RETURNED,
}


def lock_meeting(meeting_id: int) -> Sammantrade:
    return Sammantrade.objects.select_for_update().get(pk=meeting_id)


def _may_manage(by: User, meeting: Sammantrade) -> None:
    if not permissions.can_manage_meeting(by, meeting):
        raise PermissionDenied


def _not_justerat(meeting: Sammantrade) -> None:
    if meeting.is_justerat:
        raise ValidationError(
            _("Protokollet från sammanträdet %(date)s är justerat och kan inte längre ändras.")
            % {"date": f"{meeting.date:%Y-%m-%d}"},
            code="justerat",
        )


def _paragraf_open(paragraf: Paragraf) -> None:
    _not_justerat(paragraf.sammantrade)
    if paragraf.is_justerad:
        raise ValidationError(
            _("%(p)s är justerad och kan inte längre ändras.") % {"p": paragraf}, code="justerad"
        )


def _lock_paragraf(paragraf: Paragraf, by: User) -> Paragraf:
    meeting = lock_meeting(paragraf.sammantrade_id)
    _may_manage(by, meeting)
    paragraf = Paragraf.objects.select_for_update().get(pk=paragraf.pk)
    paragraf.sammantrade = meeting
    _paragraf_open(paragraf)
    return paragraf


@transaction.atomic
def meeting_create(
    *,
    by: User,
    namnd: Namnd,
    date: datetime.date,
    time: datetime.time,
    place: str,
    ordforande: User | None = None,
    sekreterare: User | None = None,
    justerare=(),
) -> Sammantrade:
    """Plan a meeting of the nämnd."""
    if not permissions.can_create_meeting(by, namnd):
        raise PermissionDenied
    meeting = Sammantrade(
        namnd=namnd,
        date=date,
        time=time,
        place=place,
        ordforande=ordforande,
        sekreterare=sekreterare or by,
        created_by=by,
    )
    meeting.full_clean()
    meeting.save()
    _justerare_set(meeting, ordforande, justerare)
    return meeting


def _justerare_set(meeting: Sammantrade, ordforande, justerare) -> None:
    justerare = list(justerare)
    if ordforande is not None and any(u.pk == ordforande.pk for u in justerare):
        raise ValidationError(
            {"justerare": _("Ordföranden justerar redan protokollet; välj en annan justerare.")}
        )
    meeting.justerare.set(justerare)


@transaction.atomic
def meeting_roles_set(
    *, meeting: Sammantrade, by: User, ordforande: User | None, sekreterare: User | None, justerare
) -> Sammantrade:
    """Name the ordförande, the sekreterare and the justerare; not once justering has begun."""
    meeting = lock_meeting(meeting.pk)
    _may_manage(by, meeting)
    _not_justerat(meeting)
    if meeting.justeringar.filter(paragraf__isnull=True).exists():
        raise ValidationError(
            _("Justeringen har börjat; justerarna kan inte längre bytas."), code="begun"
        )
    meeting.ordforande = ordforande
    meeting.sekreterare = sekreterare
    meeting.save(update_fields=["ordforande", "sekreterare"])
    _justerare_set(meeting, ordforande, justerare)
    return meeting


@transaction.atomic
def meeting_member_add(
    *,
    meeting: Sammantrade,
    by: User,
    name: str,
    party: str,
    role: str = Ledamot.Role.ORDINARIE,
    tjanstgorande: bool = True,
    user: User | None = None,
) -> Ledamot:
    """Add a member (ordinarie or ersättare) to the meeting's list of those present."""
    meeting = lock_meeting(meeting.pk)
    _may_manage(by, meeting)
    _not_justerat(meeting)
    if meeting.ledamoter.filter(name=name).exists():
        raise ValidationError({"name": _("%(name)s finns redan med.") % {"name": name}})
    order = (meeting.ledamoter.aggregate(m=Max("order"))["m"] or 0) + 1
    member = Ledamot(
        sammantrade=meeting,
        name=name,
        party=party,
        role=role,
        tjanstgorande=tjanstgorande,
        user=user,
        order=order,
    )
    member.full_clean()
    member.save()
    return member


def arendet_prefill(upprattad_on: datetime.date) -> str:
    return _("Förvaltningen har redovisat ärendet i ett tjänsteutlåtande daterat %(date)s.") % {
        "date": f"{upprattad_on:%Y-%m-%d}"
    }


@transaction.atomic
def agenda_item_add(*, meeting: Sammantrade, by: User, initiative: Initiative) -> Paragraf:
    """Put a case on the föredragningslista; its upprättade tjänsteutlåtande proposes the
    decision."""
    meeting = lock_meeting(meeting.pk)
    _may_manage(by, meeting)
    _not_justerat(meeting)
    initiative = lock_initiative(initiative.pk)
    if initiative.forvaltning.namnd_id != meeting.namnd_id:
        raise ValidationError(
            _("Ärendet hör till en annan nämnd än sammanträdets."), code="other_namnd"
        )
    if initiative.status != Status.DECISION:
        raise ValidationError(
            _(
                "Ärendet har status ”%(status)s”; bara ärenden som ligger för beslut i nämnden "
                "kan föras upp på föredragningslistan."
            )
            % {"status": initiative.get_status_display()},
            code="wrong_status",
        )
    tu = decision_selectors.tjansteutlatande_upprattat(initiative=initiative)
    if tu is None:
        raise ValidationError(
            _(
                "Ärendets tjänsteutlåtande är inte upprättat; ärendet kan inte föras upp på "
                "föredragningslistan förrän förvaltningschefen har godkänt det."
            ),
            code="no_tjansteutlatande",
        )
    if Paragraf.objects.filter(sammantrade=meeting, initiative=initiative).exists():
        raise ValidationError(
            _("Ärendet står redan på föredragningslistan."), code="already_listed"
        )
    order = (meeting.paragrafer.aggregate(m=Max("order"))["m"] or 0) + 1
    paragraf = Paragraf(
        sammantrade=meeting,
        namnd_id=meeting.namnd_id,
        initiative=initiative,
        order=order,
        tjansteutlatande_date=tu.upprattad_on,
        beslut_points=[str(p) for p in (tu.forslag_till_beslut_points or [])],
        arendet=arendet_prefill(tu.upprattad_on),
        created_by=by,
    )
    paragraf.full_clean()
    paragraf.save()
    return paragraf


@transaction.atomic
def agenda_item_remove(*, paragraf: Paragraf, by: User) -> None:
    """Take a case off the list before it has a § number."""
    paragraf = _lock_paragraf(paragraf, by)
    if paragraf.number is not None or paragraf.outcome:
        raise ValidationError(
            _("%(p)s har fått ett nummer i protokollet och kan inte tas bort.") % {"p": paragraf}
        )
    paragraf.delete()


@transaction.atomic
def agenda_reorder(*, meeting: Sammantrade, by: User, order: list[int]) -> None:
    """Set the föredragningslista's order (a list of the items' ids, first first)."""
    meeting = lock_meeting(meeting.pk)
    _may_manage(by, meeting)
    _not_justerat(meeting)
    items = {p.pk: p for p in meeting.paragrafer.select_for_update()}
    if sorted(order) != sorted(items):
        raise ValidationError(_("Ordningen måste ta upp varje ärende på listan en gång."))
    if any(items[pk].number is not None for pk in order):
        raise ValidationError(
            _("Paragraferna är redan numrerade; listans ordning kan inte längre ändras."),
            code="numbered",
        )
    for position, pk in enumerate(order, 1):
        Paragraf.objects.filter(pk=pk).update(order=position)


@transaction.atomic
def paragraf_numbers_assign(*, meeting: Sammantrade, by: User) -> list[Paragraf]:
    """Give the list's items their § numbers, which run through the nämnd's year.

    The nämnd's row is locked so two meetings numbered at once cannot take the same number
    (the database's unique constraint would refuse the second anyway)."""
    meeting = lock_meeting(meeting.pk)
    _may_manage(by, meeting)
    _not_justerat(meeting)
    Namnd.objects.select_for_update().get(pk=meeting.namnd_id)
    year = meeting.date.year
    last = (
        Paragraf.objects.filter(namnd_id=meeting.namnd_id, year=year).aggregate(m=Max("number"))[
            "m"
        ]
        or 0
    )
    numbered = []
    for paragraf in meeting.paragrafer.select_for_update().filter(number__isnull=True):
        last += 1
        Paragraf.objects.filter(pk=paragraf.pk).update(year=year, number=last)
        paragraf.year, paragraf.number = year, last
        numbered.append(paragraf)
    if not numbered:
        raise ValidationError(_("Det finns inga onumrerade ärenden på listan."), code="none")
    return numbered


@transaction.atomic
def paragraf_update(
    *,
    paragraf: Paragraf,
    by: User,
    beslut_points: list[str],
    arendet: str,
    beslutsgang: str = "",
    propositionsordning: str = "",
    justerad_omedelbart: bool = False,
) -> Paragraf:
    """Write the §'s content: Nämndens beslut as numbered points, Ärendet, Beslutsgång."""
    paragraf = _lock_paragraf(paragraf, by)
    if paragraf.outcome:
        raise ValidationError(
            _("Beslutet i %(p)s är redan fattat; texten kan inte ändras.") % {"p": paragraf},
            code="decided",
        )
    paragraf.beslut_points = [p.strip() for p in beslut_points if p.strip()]
    paragraf.arendet = arendet
    paragraf.beslutsgang = beslutsgang
    paragraf.propositionsordning = propositionsordning
    paragraf.justerad_omedelbart = justerad_omedelbart
    paragraf.full_clean()
    paragraf.save()
    return paragraf


@transaction.atomic
def paragraf_decide(*, paragraf: Paragraf, by: User, outcome: str) -> Paragraf:
    """Record the §'s outcome; bifall, avslag and återremiss are written as the case's decision
    (decisions.services.decision_record), bordläggning leaves the case for a later meeting."""
    paragraf = _lock_paragraf(paragraf, by)
    meeting = paragraf.sammantrade
    if paragraf.number is None:
        raise ValidationError(
            _("Ge ärendena paragrafnummer innan beslutet registreras."), code="unnumbered"
        )
    if paragraf.outcome:
        raise ValidationError(
            _("Beslutet i %(p)s är redan registrerat.") % {"p": paragraf}, code="decided"
        )
    outcome = Paragraf.Outcome(outcome)
    if outcome != Paragraf.Outcome.BORDLAGGNING and not paragraf.beslut_points:
        raise ValidationError(
            {"beslut_points": _("Skriv nämndens beslut, minst en punkt.")}, code="no_points"
        )
    if outcome in DECISION_OUTCOMES:
        process = "\n\n".join(t for t in (paragraf.beslutsgang, paragraf.propositionsordning) if t)
        paragraf.decision = decision_services.decision_record(
            initiative=paragraf.initiative,
            by=by,
            meeting_date=meeting.date,
            paragraph=paragraf.number,
            outcome=DECISION_OUTCOMES[outcome],
            decision_text=paragraf.beslut_text,
            decision_process=process,
            adjusted_immediately=paragraf.justerad_omedelbart,
        )
    paragraf.outcome = outcome
    paragraf.decided_by = by
    paragraf.decided_at = timezone.now()
    paragraf.save()
    if meeting.status == Sammantrade.Status.PLANNED:
        meeting.status = Sammantrade.Status.HELD
        meeting.save(update_fields=["status"])
    return paragraf


def _member_of(meeting: Sammantrade, ledamot: Ledamot) -> None:
    if ledamot.sammantrade_id != meeting.pk:
        raise ValidationError(
            {"ledamot": _("%(name)s är inte med på sammanträdet.") % {"name": ledamot.name}}
        )


@transaction.atomic
def yrkande_add(*, paragraf: Paragraf, by: User, ledamot: Ledamot, text: str) -> Yrkande:
    paragraf = _lock_paragraf(paragraf, by)
    _member_of(paragraf.sammantrade, ledamot)
    yrkande = Yrkande(paragraf=paragraf, ledamot=ledamot, text=text)
    yrkande.full_clean()
    yrkande.save()
    return yrkande


@transaction.atomic
def yttrande_add(*, paragraf: Paragraf, by: User, kind: str, ledamoter, text: str) -> Yttrande:
    """A särskilt uttalande, reservation or protokollsanteckning by named members."""
    paragraf = _lock_paragraf(paragraf, by)
    ledamoter = list(ledamoter)
    if not ledamoter:
        raise ValidationError({"ledamoter": _("Ange vilka ledamöter som står bakom.")})
    for ledamot in ledamoter:
        _member_of(paragraf.sammantrade, ledamot)
    yttrande = Yttrande(paragraf=paragraf, kind=kind, text=text)
    yttrande.full_clean()
    yttrande.save()
    yttrande.ledamoter.set(ledamoter)
    return yttrande


@transaction.atomic
def omrostning_add(
    *, paragraf: Paragraf, by: User, question: str, votes: dict, result: str = ""
) -> Omrostning:
    """Record a vote: `votes` maps each voting member (Ledamot) to ja, nej or avstår."""
    paragraf = _lock_paragraf(paragraf, by)
    if Omrostning.objects.filter(paragraf=paragraf).exists():
        raise ValidationError(_("En omröstning är redan registrerad för %(p)s.") % {"p": paragraf})
    if not votes:
        raise ValidationError({"votes": _("Ange hur varje ledamot röstade.")})
    excused = set(paragraf.jav.values_list("ledamot_id", flat=True))
    for ledamot in votes:
        _member_of(paragraf.sammantrade, ledamot)
        if ledamot.pk in excused:
            raise ValidationError(
                _("%(name)s är jävig och deltar inte i beslutet.") % {"name": ledamot.name}
            )
        if not ledamot.tjanstgorande:
            raise ValidationError(
                _("%(name)s tjänstgör inte och röstar inte.") % {"name": ledamot.name}
            )
    omrostning = Omrostning(paragraf=paragraf, question=question, result=result)
    omrostning.full_clean()
    omrostning.save()
    Rost.objects.bulk_create(
        Rost(omrostning=omrostning, ledamot=ledamot, vote=Rost.Vote(vote))
        for ledamot, vote in votes.items()
    )
    return omrostning


@transaction.atomic
def jav_add(*, paragraf: Paragraf, by: User, ledamot: Ledamot) -> Jav:
    """A member who, for jäv, does not take part in the §."""
    paragraf = _lock_paragraf(paragraf, by)
    _member_of(paragraf.sammantrade, ledamot)
    if paragraf.jav.filter(ledamot=ledamot).exists():
        raise ValidationError(_("%(name)s är redan antecknad som jävig.") % {"name": ledamot.name})
    jav = Jav(paragraf=paragraf, ledamot=ledamot)
    jav.save()
    return jav
