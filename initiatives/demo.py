"""Demo data: a kommun with three förvaltningar and the seeds' cases at different stages.

Everything is made through the services, as real users would, so the demo shows exactly what the
portal does. Loading is idempotent: if the demo kommun exists, nothing is changed.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from accounts.models import Forvaltning, Kommun, Namnd
from accounts.roles import HANDLAGGARE, NAMNDSEKRETERARE, roles_ensure
from agreements import services as agreement_services
from agreements.models import Party, Signature
from assessments import services as assessment_services
from assessments.models import CriteriaSet, CriterionAssessment, Recommendation
from decisions import services as decision_services
from decisions.models import Decision
from organisations import member_services
from organisations import services as organisation_services
from organisations.models import Membership, Organisation
from term.demo import term_demo_add

from . import services
from .demo_messages import draft_demo_add, messages_demo_add

DEMO_KOMMUN = "Demokommun"
DEMO_PASSWORD = "demo-iop-2026"  # noqa: S105 - printed for the local demo, never used in production

FULFILLED = CriterionAssessment.Verdict.FULFILLED


def _user(
    username,
    first,
    last,
    *,
    email,
    staff=False,
    forvaltning=None,
    group=None,
    phone="",
    superuser=False,
):
    User = get_user_model()
    user = User.objects.create_user(
        username=username,
        password=DEMO_PASSWORD,
        first_name=first,
        last_name=last,
        email=email,
        is_staff=staff or superuser,
        is_superuser=superuser,
        forvaltning=forvaltning,
        phone=phone,
    )
    if group is not None:
        user.groups.add(group)
    return user


CASES = [
    {
        "key": "duo",
        "org": {
            "name": "Individuell Människohjälp",
            "org_number": "802005-0277",
            "legal_form": "ideell_forening",
            "street_address": "Box 4 (Demogatan 1)",
            "postal_code": "221 00",
            "city": "Demostad",
            "contact_name": "Sara Lind",
            "contact_email": "sara.lind@imh.example",
            "contact_phone": "070-100 20 30",
        },
        "user": ("imh", "Sara", "Lind"),
        "forvaltning": "AMF",
        "initiative": {
            "title": "Duo Stockholm",
            "challenge": "Många nyanlända har få eller inga kontakter med etablerade invånare, "
            "vilket gör det svårare att lära sig språket, förstå samhället och komma in på "
            "arbetsmarknaden.",
            "activity": "Duo Stockholm matchar nyanlända med etablerade stockholmare som träffas "
            "regelbundet under ett halvår. Organisationen rekryterar och utbildar volontärer, "
            "matchar par och ordnar gemensamma träffar en gång i månaden.",
            "target_group": "Nyanlända vuxna i etableringsfasen och etablerade invånare som vill "
            "engagera sig som volontärer.",
            "political_programme": "Kommunfullmäktiges mål om social integration och "
            "överenskommelsen med den idéburna sektorn, där idéburna organisationer särskilt nämns.",
            "own_contribution": "Samordnare på halvtid finansierad av egna insamlade medel, "
            "utbildningsmaterial och cirka 3 000 ideella timmar per år.",
            "requested_amount_per_year": 450000,
            "requested_other_resources": "Lokal för de gemensamma träffarna en kväll i månaden.",
        },
        "stage": "active",
    },
    {
        "key": "baby",
        "org": {
            "name": "Internationella Bekantskaper",
            "org_number": "802011-5831",
            "legal_form": "ideell_forening",
            "street_address": "Demovägen 12",
            "postal_code": "116 00",
            "city": "Demostad",
            "contact_name": "Leyla Haddad",
            "contact_email": "leyla.haddad@ib.example",
            "contact_phone": "070-200 30 40",
        },
        "user": ("ib", "Leyla", "Haddad"),
        "forvaltning": "AMF",
        "initiative": {
            "title": "Svenska med baby",
            "challenge": "Föräldralediga nyanlända, oftast mammor, hamnar utanför både "
            "språkundervisning och sociala sammanhang under småbarnsåren.",
            "activity": "Träffar varje vecka där nyanlända och etablerade föräldrar med bebisar "
            "samtalar på svenska, sjunger och leker. Träffarna hålls på öppna förskolor och "
            "bibliotek.",
            "target_group": "Föräldralediga nyanlända och etablerade föräldrar med barn 0–1 år.",
            "political_programme": "Kommunens integrationsprogram och överenskommelsen med den "
            "idéburna sektorn.",
            "own_contribution": "Projektledning, rekrytering av volontärer och ideella samtalsledare.",
            "requested_amount_per_year": 300000,
            "requested_other_resources": "",
        },
        "stage": "active",
    },
    {
        "key": "medpratare",
        "org": None,  # Internationella Bekantskaper again
        "user": None,
        "forvaltning": "AMF",
        "initiative": {
            "title": "Medpratare",
            "challenge": "Den som läser svenska för invandrare får sällan öva samtal med "
            "svensktalande utanför klassrummet.",
            "activity": "Volontärer (medpratare) deltar i undervisningen och samtalsgrupper i "
            "anslutning till sfi, två gånger i veckan.",
            "target_group": "Elever inom sfi och svensktalande volontärer.",
            "political_programme": "Kommunens integrationsprogram.",
            "own_contribution": "Rekrytering, utbildning och samordning av volontärer.",
            "requested_amount_per_year": 250000,
            "requested_other_resources": "Tillgång till lokaler i anslutning till sfi.",
        },
        "stage": "active",
    },
    {
        "key": "crossroads",
        "org": {
            "name": "Stockholms Stadsmission",
            "org_number": "802009-7427",
            "legal_form": "stiftelse",
            "street_address": "Demogränd 3",
            "postal_code": "111 00",
            "city": "Demostad",
            "contact_name": "Erik Holm",
            "contact_email": "erik.holm@stadsmission.example",
            "contact_phone": "070-300 40 50",
        },
        "user": ("stadsmission", "Erik", "Holm"),
        "forvaltning": "SOF",
        "initiative": {
            "title": "Crossroads – stöd till utsatta EU-medborgare",
            "challenge": "Utsatta EU-medborgare som vistas i kommunen saknar ofta tak över "
            "huvudet, hälso- och sjukvård och information om sina rättigheter.",
            "activity": "Ett center som erbjuder rådgivning, dusch, tvätt, mat och stöd att "
            "söka arbete eller återvända, med tolkar på rumänska och bulgariska.",
            "target_group": "Utsatta EU-medborgare och tredjelandsmedborgare utan uppehållstillstånd.",
            "political_programme": "Socialnämndens verksamhetsplan om arbetet med utsatta "
            "EU-medborgare, där samarbete med idéburna organisationer pekas ut.",
            "own_contribution": "Lokaler, två anställda socialarbetare och insamlade medel.",
            "requested_amount_per_year": 1200000,
            "requested_other_resources": "Samverkan med socialtjänstens uppsökande team.",
        },
        "stage": "assessment",
    },
    {
        "key": "kvinnojour",
        "org": {
            "name": "Kvinnojouren Demostad",
            "org_number": "802481-3209",
            "legal_form": "ideell_forening",
            "street_address": "Box 100",
            "postal_code": "112 00",
            "city": "Demostad",
            "contact_name": "Maria Ek",
            "contact_email": "maria.ek@kvinnojouren.example",
            "contact_phone": "070-400 50 60",
        },
        "user": ("kvinnojouren", "Maria", "Ek"),
        "forvaltning": "SOF",
        "initiative": {
            "title": "Stödlinje och skyddat boende för våldsutsatta kvinnor",
            "challenge": "Mäns våld mot kvinnor, annat våld i nära relation samt hedersrelaterat "
            "våld och förtryck ska upphöra; många våldsutsatta söker inte stöd från "
            "myndigheter i första hand.",
            "activity": "Stödlinje dygnet runt, stödsamtal och fem platser i skyddat boende, "
            "drivet av jourens ideella och anställda stödpersoner.",
            "target_group": "Våldsutsatta kvinnor och deras barn.",
            "political_programme": "Kommunens program mot våld i nära relationer.",
            "own_contribution": "Ideella jourkvinnor, lokaler och insamlade medel.",
            "requested_amount_per_year": 900000,
            "requested_other_resources": "",
        },
        "stage": "submitted",
    },
]


@transaction.atomic
def load_demo_data(*, today: datetime.date | None = None) -> dict | None:
    """Create the demo kommun and cases; return the logins, or None if already loaded."""
    if Kommun.objects.filter(name=DEMO_KOMMUN).exists():
        return None
    today = today or timezone.localdate()
    groups = roles_ensure()
    kommun = Kommun.objects.create(name=DEMO_KOMMUN)
    stockholm = CriteriaSet.objects.get(name__startswith="Forums kriterier (Stockholm", version=1)
    linkoping = CriteriaSet.objects.get(name__startswith="Forums kriterier (Linköping", version=1)
    city = CriteriaSet.objects.get(name__startswith="Forums kriterier och stadens", version=1)
    forvaltningar = {}
    for prefix, name, namnd, criteria, contact, head in (
        (
            "SOF",
            "Socialförvaltningen",
            "Socialnämnden",
            city,
            ("Christina Grönberg", "christina.gronberg@demokommun.example", "08-508 25 904"),
            "Gillis Hammar",
        ),
        (
            "AMF",
            "Arbetsmarknadsförvaltningen",
            "Arbetsmarknadsnämnden",
            stockholm,
            ("Johan Ahlström", "johan.ahlstrom@demokommun.example", "08-508 35 000"),
            "Mirja Berg",
        ),
        (
            "UTF",
            "Utbildningsförvaltningen",
            "Utbildningsnämnden",
            linkoping,
            ("Anne Hallberg", "anne.hallberg@demokommun.example", "013-20 60 00"),
            "Helena Paulsson",
        ),
    ):
        forvaltningar[prefix] = Forvaltning.objects.create(
            kommun=kommun,
            namnd=Namnd.objects.create(kommun=kommun, name=namnd),
            name=name,
            diary_prefix=prefix,
            criteria_set=criteria,
            head_name=head,
            deputy_name="Veronica Karlberg" if prefix == "SOF" else "",
            contact_name=contact[0],
            contact_email=contact[1],
            contact_phone=contact[2],
        )

    logins = {
        "admin": _user("admin", "Ada", "Admin", email="admin@demokommun.example", superuser=True)
    }
    staff, secretaries = {}, {}
    for role, prefix, first, last, phone in (
        ("handlaggare", "SOF", "Christina", "Grönberg", "08-508 25 904"),
        ("handlaggare", "AMF", "Johan", "Ahlström", "08-508 35 000"),
        ("handlaggare", "UTF", "Anne", "Hallberg", "013-20 60 00"),
        ("sekreterare", "SOF", "Nils", "Sekreterare", ""),
        ("sekreterare", "AMF", "Greta", "Sekreterare", ""),
    ):
        username = f"{role}.{prefix.lower()}"
        by_prefix = staff if role == "handlaggare" else secretaries
        by_prefix[prefix] = logins[username] = _user(
            username,
            first,
            last,
            email=f"{username}@demokommun.example",
            staff=True,
            forvaltning=forvaltningar[prefix],
            group=groups[HANDLAGGARE if role == "handlaggare" else NAMNDSEKRETERARE],
            phone=phone,
        )

    last_org = last_user = None
    made = {}
    term_start = today.replace(day=1) - datetime.timedelta(days=240)
    term_start = term_start.replace(day=1)
    term_end = term_start.replace(year=term_start.year + 1) - datetime.timedelta(days=1)
    for paragraph, case in enumerate(CASES, start=40):
        if case["org"] is not None:
            username, first, last = case["user"]
            last_user = logins[username] = _user(
                username, first, last, email=case["org"]["contact_email"]
            )
            last_org = organisation_services.organisation_create(by=last_user, **case["org"])
        forvaltning = forvaltningar[case["forvaltning"]]
        initiative = services.initiative_save_draft(
            by=last_user,
            organisation=last_org,
            forvaltning=forvaltning,
            term_start=term_start,
            term_end=term_end,
            **case["initiative"],
        )
        initiative = services.initiative_submit(initiative=initiative, by=last_user)
        made[case["key"]] = initiative
        if case["stage"] == "submitted":
            continue
        handlaggare = staff[case["forvaltning"]]
        assessment = assessment_services.assessment_start(initiative=initiative, by=handlaggare)
        if case["stage"] == "assessment":
            first = assessment.answers.order_by("criterion__position").first()
            assessment_services.assessment_record(
                assessment=assessment,
                by=handlaggare,
                answers={
                    first.criterion_id: (FULFILLED, "Initiativet kommer från organisationen.")
                },
            )
            continue
        assessment_services.assessment_record(
            assessment=assessment,
            by=handlaggare,
            answers={a.criterion_id: (FULFILLED, "") for a in assessment.answers.all()},
            recommendation=Recommendation.IOP,
            summary=f"{last_org.name} föreslår verksamheten {case['initiative']['title']}, som "
            "skapar möten mellan nyanlända och etablerade invånare och därmed främjar social "
            "integration. Förvaltningen bedömer att samtliga kriterier för IOP är uppfyllda och "
            "föreslår ett ettårigt partnerskap.",
            considerations="Verksamheten bygger på organisationens eget engagemang och ideella "
            "krafter som förvaltningen inte själv har. Det finns ingen marknad för verksamheten "
            "och båda parter bidrar. Avtalstiden är ett år; partnerskapet utvärderas innan "
            "ställning tas till en fortsättning, och inget utlovas i förväg.",
        )
        # Four eyes: a second staff member at the förvaltning approves what the handläggare saved.
        approver = secretaries.get(case["forvaltning"], logins["admin"])
        assessment_services.assessment_approve(assessment=assessment, by=approver)
        assessment_services.assessment_complete(assessment=assessment, by=handlaggare)
        agreement = agreement_services.agreement_create_draft(initiative=initiative, by=handlaggare)
        # The organisation's own contribution valued, as the handläggare would after the dialogue.
        agreement_services.agreement_update(
            agreement=agreement,
            by=handlaggare,
            contributions=[
                {
                    "id": c.pk,
                    "in_kind_type": "volunteer_hours",
                    "in_kind_hours": 1500,
                    "in_kind_value_sek": 300000,
                }
                if c.party == Party.ORGANISATION
                else {"id": c.pk}
                for c in agreement.contributions.all()
            ],
        )
        agreement_services.agreement_submit_for_decision(agreement=agreement, by=handlaggare)
        decision_services.decision_record(
            initiative=initiative,
            by=secretaries[case["forvaltning"]],
            meeting_date=term_start - datetime.timedelta(days=14),
            paragraph=paragraph,
            outcome=Decision.Outcome.APPROVED,
            decision_text=f"{forvaltning.namnd.name} godkänner avtal om idéburet offentligt "
            f"partnerskap med {last_org.name} om {initiative.title}.",
            decision_process="Ordföranden konstaterar att det finns ett förslag till beslut och "
            "det är förvaltningens. Ordföranden finner att nämnden beslutar enligt förvaltningens "
            "förslag.",
            adjusted_immediately=True,
        )
        signed_on = term_start - datetime.timedelta(days=7)
        for party, name, title in (
            (Party.MUNICIPALITY, forvaltning.head_name, "Förvaltningschef"),
            (Party.ORGANISATION, last_org.contact_name, "Ordförande"),
        ):
            agreement_services.agreement_sign(
                agreement=agreement,
                by=handlaggare,
                party=party,
                name=name,
                title=title,
                place="Demostad",
                signed_on=signed_on,
                method=Signature.Method.PAPER,
            )
    logins.update(_load_demo_members(imh=logins["imh"]))
    _fill_the_queue(made=made, staff=staff, forvaltningar=forvaltningar)
    messages_demo_add(kommun=kommun)
    term_demo_add(kommun=kommun)
    draft_demo_add(kommun=kommun)
    return {name: user.username for name, user in logins.items()}


def _load_demo_members(*, imh) -> dict:
    """People who show the organisation's side: one person representing two organisations, a
    kontaktperson, and an invitation nobody has answered yet."""
    imh_org = Organisation.objects.get(org_number="802005-0277")
    elsa = _user("elsa", "Elsa", "Berg", email="elsa.berg@idrott.example")
    organisation_services.organisation_create(
        by=elsa,
        name="Demostads idrottsförening",
        org_number="802481-5550",
        legal_form="ideell_forening",
        kammarkollegiet_registered_since=datetime.date(2024, 3, 1),
        street_address="Idrottsvägen 3",
        postal_code="222 33",
        city="Demostad",
        contact_name="Elsa Berg",
        contact_email="elsa.berg@idrott.example",
        contact_phone="070-555 66 77",
        bankgiro="5050-1055",
    )
    olle = _user("olle", "Olle", "Kontakt", email="olle@imh.example")
    for person in (elsa, olle):
        invitation = member_services.member_invite(
            organisation=imh_org, by=imh, email=person.email, role=Membership.Role.KONTAKTPERSON
        )
        member_services.invitation_accept(token=invitation.token, by=person)
    member_services.member_invite(
        organisation=imh_org,
        by=imh,
        email="ny.volontar@imh.example",
        role=Membership.Role.KONTAKTPERSON,
    )
    return {"elsa": elsa, "olle": olle}


def _fill_the_queue(*, made, staff, forvaltningar) -> None:
    """The handläggare's side: assignments, dialogue meetings, bevakningar, a paper case."""
    now = timezone.localdate()
    sof = staff["SOF"]
    kvinnojour, crossroads = made["kvinnojour"], made["crossroads"]
    services.initiative_assign(
        initiative=kvinnojour,
        handlaggare=sof,
        by=sof,
        note="Jag tar ärendet; jouren har vi samarbetat med tidigare.",
    )
    services.dialogue_meeting_record(
        initiative=kvinnojour,
        by=sof,
        held_on=now,
        participants="Christina Grönberg (Socialförvaltningen), Maria Ek och två jourkvinnor "
        "(Kvinnojouren Demostad)",
        challenge_agreed="Många våldsutsatta kvinnor söker inte stöd hos socialtjänsten i första "
        "hand; jouren når kvinnor som förvaltningen inte når.",
        solution_agreed="Stödlinjen och det skyddade boendet drivs av jouren; förvaltningen "
        "bidrar med pengar och samverkan med socialtjänstens mottagning. Jouren skickar "
        "verksamhetsberättelse och årsredovisning före bedömningen.",
    )
    services.watch_date_add(
        initiative=kvinnojour,
        by=sof,
        due_date=now + datetime.timedelta(days=3),
        what="Har jouren skickat verksamhetsberättelse och årsredovisning?",
        responsible=sof,
    )
    services.dialogue_meeting_record(
        initiative=crossroads,
        by=sof,
        held_on=now,
        participants="Christina Grönberg (Socialförvaltningen), Erik Holm (Stockholms "
        "Stadsmission)",
        challenge_agreed="Utsatta EU-medborgare saknar tak över huvudet, vård och information om "
        "sina rättigheter.",
        solution_agreed="Centret drivs av Stadsmissionen; socialtjänstens uppsökande team "
        "samverkar. Marknadskriteriet prövas särskilt i bedömningen.",
    )
    services.watch_date_add(
        initiative=crossroads,
        by=sof,
        due_date=now + datetime.timedelta(days=14),
        what="Bedömningen klar inför nämndens sammanträde",
        responsible=sof,
    )
    services.watch_date_add(
        initiative=made["duo"],
        by=staff["AMF"],
        due_date=now + datetime.timedelta(days=5),
        what="Stäm av delrapporten med organisationen",
        responsible=staff["AMF"],
    )
    # An initiative that came by letter to Utbildningsförvaltningen, still without a handläggare.
    utf = staff["UTF"]
    organisation = organisation_services.organisation_register(
        by=utf,
        name="Läsfrämjarna i Demostad",
        org_number="802016-3294",
        legal_form="ideell_forening",
        street_address="Biblioteksgatan 4",
        postal_code="582 00",
        city="Demostad",
        contact_name="Bo Bokström",
        contact_email="bo.bokstrom@lasframjarna.example",
        contact_phone="013-12 34 56",
    )
    services.initiative_register_received(
        by=utf,
        organisation=organisation,
        forvaltning=forvaltningar["UTF"],
        received_on=now - datetime.timedelta(days=2),
        received_via="post",
        title="Högläsning för barn i skolans bibliotek",
        challenge="Allt fler barn läser sällan utanför skolan, och läsförståelsen sjunker.",
        activity="Ideella högläsare läser för och med barn i skolbiblioteken varje vecka.",
        target_group="Barn i förskoleklass till årskurs 3.",
    )
