"""A nämnd meeting for the document tests, written straight to the models (helper namnd's
services build the same rows; these tests are about what the documents print)."""

import datetime

from namnd.models import (
    Anslag,
    Jav,
    Justering,
    Ledamot,
    Omrostning,
    Paragraf,
    Rost,
    Sammantrade,
    Yrkande,
    Yttrande,
)

from .. import factories

MEETING_DATE = datetime.date(2026, 11, 2)
JUSTERAD_ON = datetime.date(2026, 11, 9)
POSTED_ON = datetime.date(2026, 11, 10)


def meeting(town, *, cases=3, justerat=True, first_number=14):
    """A meeting of Socialnämnden with `cases` §§: the first with a särskilt uttalande, a
    yrkande and an omröstning, the second with a reservation and a jäv."""
    ordforande = _person("ordf", "Olle", "Ordförande")
    justerare = _person("just", "Jenny", "Justerare")
    sammantrade = Sammantrade.objects.create(
        namnd=town.sof.namnd,
        date=MEETING_DATE,
        time=datetime.time(17, 30),
        place="Stadshuset, sal 3",
        ordforande=ordforande,
        sekreterare=town.secretary,
        created_by=town.secretary,
    )
    sammantrade.justerare.set([justerare])
    members = [
        Ledamot.objects.create(sammantrade=sammantrade, name=name, party=party, order=i, **extra)
        for i, (name, party, extra) in enumerate(
            [
                ("Olle Ordförande", "S", {"user": ordforande}),
                ("Åsa Lindhagen", "MP", {}),
                ("Rana Carlstedt", "S", {}),
                ("Jenny Justerare", "M", {"user": justerare}),
                ("Erik Ersättare", "L", {"role": Ledamot.Role.ERSATTARE, "tjanstgorande": False}),
            ]
        )
    ]
    paragrafer = []
    for n in range(cases):
        case = town.for_decision(title=f"Läxhjälp i område {n + 1}")
        paragraf = Paragraf.objects.create(
            sammantrade=sammantrade,
            namnd=sammantrade.namnd,
            initiative=case,
            order=n + 1,
            year=MEETING_DATE.year,
            number=first_number + n,
            tjansteutlatande_date=datetime.date(2026, 10, 15),
            # Typed with numbers, as a secretary copying seed 004 would: never "1. 1.".
            beslut_points=[
                "1. Socialnämnden godkänner avtalet.",
                "2. Socialnämnden uppdrar åt förvaltningen att teckna avtalet.",
            ],
            arendet=f"Föreningen har lämnat ett initiativ om läxhjälp ({n + 1}).",
            beslutsgang="Ordföranden finner att nämnden beslutar enligt förvaltningens förslag.",
            propositionsordning="Ordföranden ställer förvaltningens förslag mot avslag.",
            outcome=Paragraf.Outcome.BIFALL,
            created_by=town.secretary,
        )
        paragrafer.append(paragraf)
    first = paragrafer[0]
    Yrkande.objects.create(
        paragraf=first, ledamot=members[1], text="Bifall till förvaltningens förslag."
    )
    uttalande = Yttrande.objects.create(
        paragraf=first,
        kind=Yttrande.Kind.SARSKILT_UTTALANDE,
        text="Vi ser mycket positivt på partnerskapet.",
    )
    uttalande.ledamoter.set(members[1:3])
    vote = Omrostning.objects.create(
        paragraf=first, question="Ja för förvaltningens förslag, nej för avslag", result="3 ja"
    )
    for member in members[:4]:
        Rost.objects.create(omrostning=vote, ledamot=member, vote=Rost.Vote.JA)
    if cases > 1:
        second = paragrafer[1]
        reservation = Yttrande.objects.create(
            paragraf=second, kind=Yttrande.Kind.RESERVATION, text="Vi yrkade avslag."
        )
        reservation.ledamoter.set([members[3]])
        Jav.objects.create(paragraf=second, ledamot=members[2])
    if justerat:
        justera(sammantrade, [ordforande, justerare])
    return sammantrade


def _person(username, first, last):
    user = factories.user(username, staff=True)
    user.first_name, user.last_name = first, last
    user.save(update_fields=["first_name", "last_name"])
    return user


def justera(sammantrade, users):
    for user, role in zip(
        users, [Justering.Role.ORDFORANDE, Justering.Role.JUSTERARE], strict=True
    ):
        Justering.objects.create(
            sammantrade=sammantrade,
            user=user,
            name=user.get_full_name(),
            role=role,
            confirmed_on=JUSTERAD_ON,
        )
    Paragraf.objects.filter(sammantrade=sammantrade).update(justerad_on=JUSTERAD_ON)
    Sammantrade.objects.filter(pk=sammantrade.pk).update(
        status=Sammantrade.Status.JUSTERAT, justerad_on=JUSTERAD_ON
    )
    Anslag.objects.create(
        sammantrade=sammantrade,
        posted_on=POSTED_ON,
        taken_down_on=POSTED_ON + datetime.timedelta(weeks=3, days=1),
        kept_at="Socialförvaltningen, registraturen",
        published_by=sammantrade.sekreterare,
    )
    sammantrade.refresh_from_db()
