"""Helpers the nämnd tests (and the browser test) share: upprättade TUs, a meeting with people."""

import datetime

from django.core.files.base import ContentFile

from accounts.roles import roles_ensure
from decisions.models import Tjansteutlatande, TjansteutlatandeMall
from decisions.selectors import tjansteutlatande_upprattat
from namnd import justering_services, services
from namnd.models import Ledamot
from tests import factories


def tu_upprattad(initiative, *, on=datetime.date(2026, 10, 20), points=None):
    """The case's upprättat tjänsteutlåtande: the walker's (demo.builder upprättar one for a case
    for decision), or a stored one made here for a case that has none."""
    existing = tjansteutlatande_upprattat(initiative=initiative)
    if existing is not None:
        return existing
    points = points or ["Socialnämnden godkänner avtalet.", "Ärendet justeras omedelbart."]
    tu = Tjansteutlatande(
        initiative=initiative,
        mall=TjansteutlatandeMall.objects.order_by("-is_default", "pk").first(),
        status=Tjansteutlatande.Status.UPPRATTAD,
        forvaltning_name=initiative.forvaltning.name,
        till=initiative.forvaltning.namnd.name,
        dnr=initiative.diarienummer,
        title=initiative.title,
        forslag_till_beslut="\n".join(points),
        upprattad_on=on,
        pdf_sha256="0" * 64,
        created_by=initiative.handlaggare or factories.user(staff=True),
    )
    tu.pdf.save("tu.pdf", ContentFile(b"%PDF-1.7 test"), save=False)
    tu.save()
    return tu


def people(town):
    """An ordförande and a justerare with their own logins (staff of the förvaltning)."""
    roles_ensure()
    ordforande = factories.user("ordforande", staff=True, forvaltning=town.sof)
    justerare = factories.user("justerare", staff=True, forvaltning=town.sof)
    return ordforande, justerare


def meeting(town, *, ordforande=None, justerare=None, date=datetime.date(2026, 11, 2)):
    if ordforande is None:
        ordforande, justerare = people(town)
    m = services.meeting_create(
        by=town.secretary,
        namnd=town.sof.namnd,
        date=date,
        time=datetime.time(13, 0),
        place="Stadshuset, rum 101",
        ordforande=ordforande,
        justerare=[justerare],
    )
    m.ordforande_user, m.justerare_user = ordforande, justerare
    return m


def members(meeting, by):
    return [
        services.meeting_member_add(meeting=meeting, by=by, name=n, party=p, role=r)
        for n, p, r in (
            ("Anna Ordförande", "S", Ledamot.Role.ORDINARIE),
            ("Bertil Berg", "M", Ledamot.Role.ORDINARIE),
            ("Cecilia Cell", "V", Ledamot.Role.ORDINARIE),
            ("Dan Ersätt", "L", Ledamot.Role.ERSATTARE),
        )
    ]


def listed(town, meeting, **fields):
    """A case for decision with an upprättat TU, on the meeting's list."""
    case = town.for_decision(**fields)
    tu_upprattad(case)
    return services.agenda_item_add(meeting=meeting, by=town.secretary, initiative=case)


def decided(town, meeting, outcome="bifall"):
    paragraf = listed(town, meeting)
    services.paragraf_numbers_assign(meeting=meeting, by=town.secretary)
    paragraf.refresh_from_db()
    return services.paragraf_decide(paragraf=paragraf, by=town.secretary, outcome=outcome)


def justerat(town, meeting):
    for user in (meeting.ordforande_user, meeting.justerare_user):
        justering_services.justering_confirm(meeting=meeting, by=user)
    meeting.refresh_from_db()
    return meeting
