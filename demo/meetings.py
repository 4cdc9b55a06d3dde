"""The nämnd's side of the demo: Socialnämndens sammanträde a week ago, with three cases on its
föredragningslista (a särskilt uttalande, a reservation after a vote, an återremiss), justerat
by the ordförande and the justerare and posted on the anslagstavla today, so the appeal window
is open; and the next meeting, planned and still empty."""

import datetime

from namnd import justering_services, services
from namnd.models import Ledamot, Yttrande
from organisations import services as organisation_services

from .builder import Assessing, Deciding, build_case
from .people import demo_user

ORGANISATION = {
    "name": "Grannstöd Demostad",
    "org_number": "802470-1230",
    "legal_form": "ideell_forening",
    "street_address": "Torget 3",
    "postal_code": "111 30",
    "city": "Demostad",
    "contact_name": "Ingrid Nord",
    "contact_email": "ingrid.nord@grannstod.example",
    "contact_phone": "070-300 40 50",
}

CASES = (
    (
        "Läxhjälp i Norra stadsdelen",
        "Barn i Norra stadsdelen får sällan hjälp med läxorna hemma.",
        "Frivilliga läxhjälpare träffar barnen två eftermiddagar i veckan på biblioteket.",
    ),
    (
        "Träffpunkt för äldre",
        "Många äldre i stadsdelen lever ensamma och har få sociala kontakter.",
        "En träffpunkt med frivilliga värdar, gemensam lunch och aktiviteter tre dagar i veckan.",
    ),
    (
        "Nattvandring",
        "Ungdomar vistas ute sent på helgerna utan vuxna i närheten.",
        "Föräldrar och frivilliga vandrar i stadsdelen fredag och lördag kväll.",
    ),
)

MEMBERS = (
    ("Karin Ordförande", "S", Ledamot.Role.ORDINARIE),
    ("Erik Vice", "M", Ledamot.Role.ORDINARIE),
    ("Fatima Justerare", "V", Ledamot.Role.ORDINARIE),
    ("Gustav Lund", "KD", Ledamot.Role.ORDINARIE),
    ("Hanna Berg", "L", Ledamot.Role.ORDINARIE),
    ("Ivar Ek", "SD", Ledamot.Role.ERSATTARE),
)


def meetings_demo_add(*, forvaltning, handlaggare, secretary, today) -> dict:
    """Build the meetings; return the logins of the ordförande and the justerare."""
    ordforande = demo_user(
        "ordforande.sof",
        "Karin",
        "Ordförande",
        email="ordforande.sof@demokommun.example",
        staff=True,
        forvaltning=forvaltning,
    )
    justerare = demo_user(
        "justerare.sof",
        "Fatima",
        "Justerare",
        email="justerare.sof@demokommun.example",
        staff=True,
        forvaltning=forvaltning,
    )
    member = demo_user("grannstod", "Ingrid", "Nord", email=ORGANISATION["contact_email"])
    organisation = organisation_services.organisation_create(by=member, **ORGANISATION)
    cases = [
        _case_for_decision(
            title=title,
            challenge=challenge,
            activity=activity,
            organisation=organisation,
            member=member,
            forvaltning=forvaltning,
            handlaggare=handlaggare,
            secretary=secretary,
            today=today,
        )
        for title, challenge, activity in CASES
    ]
    meeting = services.meeting_create(
        by=secretary,
        namnd=forvaltning.namnd,
        date=today - datetime.timedelta(days=7),
        time=datetime.time(13, 30),
        place="Stadshuset, sammanträdesrum Norr",
        ordforande=ordforande,
        sekreterare=secretary,
        justerare=[justerare],
    )
    people = {
        name: services.meeting_member_add(
            meeting=meeting,
            by=secretary,
            name=name,
            party=party,
            role=role,
            tjanstgorande=role == Ledamot.Role.ORDINARIE,
        )
        for name, party, role in MEMBERS
    }
    items = [
        services.agenda_item_add(meeting=meeting, by=secretary, initiative=case) for case in cases
    ]
    services.paragraf_numbers_assign(meeting=meeting, by=secretary)
    first, second, third = (type(p).objects.get(pk=p.pk) for p in items)
    _beslutsgang(
        first, secretary, "Ordföranden finner att nämnden beslutar enligt förvaltningens förslag."
    )
    services.paragraf_decide(paragraf=first, by=secretary, outcome="bifall")
    services.yttrande_add(
        paragraf=first,
        by=secretary,
        kind=Yttrande.Kind.SARSKILT_UTTALANDE,
        ledamoter=[people["Fatima Justerare"]],
        text="Vi välkomnar partnerskapet och vill att läxhjälpen på sikt når fler stadsdelar.",
    )
    services.yrkande_add(
        paragraf=second,
        by=secretary,
        ledamot=people["Karin Ordförande"],
        text="Bifall till förvaltningens förslag.",
    )
    services.yrkande_add(
        paragraf=second,
        by=secretary,
        ledamot=people["Gustav Lund"],
        text="Avslag.",
    )
    _beslutsgang(
        second,
        secretary,
        "Ordföranden ställer proposition på förvaltningens förslag mot avslag och finner att "
        "nämnden beslutar enligt förvaltningens förslag. Votering begärs.",
        propositionsordning="Ja för förvaltningens förslag, nej för avslag.",
    )
    services.omrostning_add(
        paragraf=second,
        by=secretary,
        question="Ja för förvaltningens förslag, nej för avslag",
        votes={
            people["Karin Ordförande"]: "ja",
            people["Erik Vice"]: "ja",
            people["Fatima Justerare"]: "ja",
            people["Gustav Lund"]: "nej",
            people["Hanna Berg"]: "avstar",
        },
        result="Med tre ja-röster mot en nej-röst, en ledamot avstår, beslutar nämnden enligt "
        "förvaltningens förslag.",
    )
    services.paragraf_decide(paragraf=second, by=secretary, outcome="bifall")
    services.yttrande_add(
        paragraf=second,
        by=secretary,
        kind=Yttrande.Kind.RESERVATION,
        ledamoter=[people["Gustav Lund"]],
        text="Jag reserverar mig mot beslutet till förmån för mitt avslagsyrkande.",
    )
    services.jav_add(paragraf=third, by=secretary, ledamot=people["Hanna Berg"])
    _beslutsgang(
        third,
        secretary,
        "Ordföranden finner att nämnden återremitterar ärendet för att förvaltningen ska utreda samverkan med polisen.",
    )
    services.paragraf_decide(paragraf=third, by=secretary, outcome="aterremiss")
    for user in (ordforande, justerare):
        justering_services.justering_confirm(meeting=meeting, by=user)
    justering_services.anslag_publish(
        meeting=meeting,
        by=secretary,
        kept_at="Socialförvaltningen, nämndens kansli, Stadshuset",
    )
    services.meeting_create(
        by=secretary,
        namnd=forvaltning.namnd,
        date=today + datetime.timedelta(days=21),
        time=datetime.time(13, 30),
        place="Stadshuset, sammanträdesrum Norr",
        ordforande=ordforande,
        sekreterare=secretary,
        justerare=[justerare],
    )
    return {"ordforande.sof": ordforande, "justerare.sof": justerare, "grannstod": member}


def _beslutsgang(paragraf, by, text, propositionsordning=""):
    services.paragraf_update(
        paragraf=paragraf,
        by=by,
        beslut_points=paragraf.beslut_points,
        arendet=paragraf.arendet,
        beslutsgang=text,
        propositionsordning=propositionsordning,
    )
    paragraf.refresh_from_db()


def _case_for_decision(
    *, title, challenge, activity, organisation, member, forvaltning, handlaggare, secretary, today
):
    built = build_case(
        stage="decision",
        organisation=organisation,
        forvaltning=forvaltning,
        member=member,
        fields={
            "title": title,
            "challenge": challenge,
            "activity": activity,
            "target_group": "Invånare i Norra stadsdelen.",
            "political_programme": "Socialnämndens verksamhetsplan och överenskommelsen med den "
            "idéburna sektorn.",
            "own_contribution": "Ideella timmar, samordning och lokal.",
            "requested_amount_per_year": 150000,
            "requested_other_resources": "",
            "term_start": today + datetime.timedelta(days=60),
            "term_end": today + datetime.timedelta(days=424),
        },
        handlaggare=handlaggare,
        approver=secretary,
        secretary=secretary,
        # The meeting's date dates the tjänsteutlåtande the walker upprättar before it.
        deciding=Deciding(
            meeting_date=today - datetime.timedelta(days=7),
            paragraph=1,
            decision_text="",
        ),
        assessing=Assessing(
            summary=f"Förvaltningen bedömer att {title} uppfyller kriterierna för IOP.",
            considerations="Förvaltningen föreslår ett ettårigt partnerskap.",
        ),
    )
    return built.initiative
