"""Writes of the protokoll's justering and its anslag on the digital anslagstavla."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User

from . import appeal, permissions, tasks
from .models import Anslag, Justering, Paragraf, Sammantrade
from .services import lock_meeting


def _required(meeting: Sammantrade) -> set[int]:
    """Who must confirm: the ordförande and every chosen justerare."""
    return {meeting.ordforande_id, *meeting.justerare.values_list("pk", flat=True)}


@transaction.atomic
def justering_confirm(
    *, meeting: Sammantrade, by: User, paragraf: Paragraf | None = None
) -> Justering:
    """The ordförande or a justerare confirms the protokoll (or one § justerad omedelbart)
    with their own login. When all have confirmed it is justerat and can no longer change."""
    meeting = lock_meeting(meeting.pk)
    role = permissions.justering_role(by, meeting)
    if role is None:
        raise PermissionDenied(
            _("Bara ordföranden och de valda justerarna kan justera protokollet.")
        )
    if meeting.ordforande_id is None or not meeting.justerare.exists():
        raise ValidationError(
            _("Sammanträdet har ingen ordförande eller ingen justerare vald."), code="no_roles"
        )
    if paragraf is None:
        scope = meeting.paragrafer.all()
        if meeting.is_justerat:
            raise ValidationError(_("Protokollet är redan justerat."), code="justerat")
        done = Justering.objects.filter(sammantrade=meeting, paragraf__isnull=True, user=by)
    else:
        paragraf = Paragraf.objects.select_for_update().get(pk=paragraf.pk, sammantrade=meeting)
        if not paragraf.justerad_omedelbart:
            raise ValidationError(
                _("%(p)s ska inte justeras omedelbart; den justeras med protokollet.")
                % {"p": paragraf},
                code="not_immediate",
            )
        if paragraf.is_justerad:
            raise ValidationError(_("%(p)s är redan justerad.") % {"p": paragraf})
        scope = Paragraf.objects.filter(pk=paragraf.pk)
        done = Justering.objects.filter(paragraf=paragraf, user=by)
    if done.exists():
        raise ValidationError(
            _("Du har redan justerat; varje justerare bekräftar en gång."), code="twice"
        )
    if not scope.exists():
        raise ValidationError(_("Protokollet har inga paragrafer."), code="empty")
    if scope.filter(outcome="").exists():
        raise ValidationError(
            _("Alla paragrafer måste ha ett registrerat beslut innan protokollet justeras."),
            code="undecided",
        )
    today = timezone.localdate()
    justering = Justering.objects.create(
        sammantrade=meeting,
        paragraf=paragraf,
        user=by,
        name=by.get_full_name() or by.get_username(),
        role=role,
        confirmed_on=today,
    )
    confirmed = set(
        Justering.objects.filter(sammantrade=meeting, paragraf=paragraf).values_list(
            "user_id", flat=True
        )
    )
    if _required(meeting) <= confirmed:
        # The whole protokoll takes in the §§ already justerade omedelbart as they were.
        scope.filter(justerad_on__isnull=True).update(justerad_on=today)
        if paragraf is None:
            meeting.status = Sammantrade.Status.JUSTERAT
            meeting.justerad_on = today
            meeting.save(update_fields=["status", "justerad_on"])
    return justering


@transaction.atomic
def anslag_publish(
    *,
    meeting: Sammantrade,
    by: User,
    kept_at: str,
    posted_on: datetime.date | None = None,
    taken_down_on: datetime.date | None = None,
    paragraf: Paragraf | None = None,
) -> Anslag:
    """Post the justerat protokoll (or a § justerad omedelbart) on the anslagstavla; the
    appeal window of three weeks runs from the day it is posted."""
    meeting = lock_meeting(meeting.pk)
    if not permissions.can_manage_meeting(by, meeting):
        raise PermissionDenied
    if paragraf is None:
        justerad_on = meeting.justerad_on
        exists = Anslag.objects.filter(sammantrade=meeting, paragraf__isnull=True)
    else:
        paragraf = Paragraf.objects.get(pk=paragraf.pk, sammantrade=meeting)
        justerad_on = paragraf.justerad_on
        exists = Anslag.objects.filter(paragraf=paragraf)
    if justerad_on is None:
        raise ValidationError(
            _("Protokollet kan anslås först när det är justerat."), code="not_justerat"
        )
    if exists.exists():
        raise ValidationError(_("Protokollet är redan anslaget."), code="posted")
    posted_on = posted_on or timezone.localdate()
    if posted_on < justerad_on:
        raise ValidationError(
            {
                "posted_on": _("Protokollet kan inte anslås före justeringen (%(d)s).")
                % {"d": f"{justerad_on:%Y-%m-%d}"}
            }
        )
    last_day = appeal.appeal_last_day(posted_on)
    taken_down_on = taken_down_on or last_day + datetime.timedelta(days=1)
    if taken_down_on <= last_day:
        raise ValidationError(
            {
                "taken_down_on": _(
                    "Anslaget ska sitta uppe hela överklagandetiden, till och med %(d)s."
                )
                % {"d": f"{last_day:%Y-%m-%d}"}
            }
        )
    anslag = Anslag(
        sammantrade=meeting,
        paragraf=paragraf,
        posted_on=posted_on,
        taken_down_on=taken_down_on,
        kept_at=kept_at,
        published_by=by,
    )
    anslag.full_clean()
    anslag.save()
    # The protokoll and its utdrag print the anslag: they are stored now, once (namnd.tasks).
    transaction.on_commit(
        lambda: tasks.records_store.delay(meeting.pk, paragraf.pk if paragraf else None)
    )
    return anslag
