"""The nämnd meetings' part of the admin case page (the case's §§ and the date the decision can
be considered final), the timeline's entries, and the notice on the agreement's signing page."""

import datetime
from collections.abc import Iterable

from django.utils.translation import gettext as _

from initiatives import extensions
from initiatives.models import Initiative
from initiatives.timeline import Event

from . import appeal, permissions, selectors


def _context(*, request, case, handles):
    paragrafer = selectors.case_paragrafer(initiative=case)
    if not paragrafer:
        return None
    rows = []
    for paragraf in paragrafer:
        posted_on = selectors.paragraf_posted_on(paragraf)
        rows.append(
            {
                "paragraf": paragraf,
                "meeting": paragraf.sammantrade,
                "posted_on": posted_on,
                "final_date": appeal.final_date(posted_on) if posted_on else None,
                "link": permissions.in_scope(request.user, paragraf.sammantrade.namnd_id),
            }
        )
    return {"rows": rows}


PART = extensions.CasePagePart(template="admin/namnd/case_part.html", context=_context)


def timeline_events(initiative: Initiative) -> Iterable[Event]:
    for paragraf in selectors.case_paragrafer(initiative=initiative):
        meeting = paragraf.sammantrade
        posted_on = selectors.paragraf_posted_on(paragraf)
        if posted_on:
            yield Event(
                posted_on,
                "decision",
                _(
                    "Protokollet från %(namnd)s %(date)s anslogs; beslutet kan överklagas till "
                    "och med %(last)s"
                )
                % {
                    "namnd": meeting.namnd.name,
                    "date": f"{meeting.date:%Y-%m-%d}",
                    "last": f"{appeal.appeal_last_day(posted_on):%Y-%m-%d}",
                },
            )


def signing_notice(*, initiative: Initiative, today: datetime.date) -> str | None:
    """Signing before the decision is final is allowed, but the signatory should know."""
    paragrafer = [p for p in selectors.case_paragrafer(initiative=initiative) if p.decision_id]
    if not paragrafer:
        return None
    posted_on = selectors.paragraf_posted_on(paragrafer[-1])
    if posted_on is None:
        return _(
            "Nämndens protokoll är ännu inte justerat och anslaget. Beslutet kan överklagas i "
            "tre veckor från anslaget; avtalet bör skrivas under först när beslutet vunnit laga "
            "kraft."
        )
    final = appeal.final_date(posted_on)
    if today < final:
        return _(
            "Beslutet kan överklagas till och med %(last)s och kan anses slutligt först "
            "%(final)s. Avtalet skrivs under innan beslutet vunnit laga kraft."
        ) % {
            "last": f"{appeal.appeal_last_day(posted_on):%Y-%m-%d}",
            "final": f"{final:%Y-%m-%d}",
        }
    return None
