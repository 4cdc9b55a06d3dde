"""Load the demo: a kommun with three förvaltningar, its staff, and the seeds' cases at different
stages.

Everything is made through the services, as real users would, so the demo shows exactly what the
portal does. Loading is idempotent: if the demo kommun exists, nothing is changed.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import Forvaltning, Kommun, Namnd
from accounts.roles import HANDLAGGARE, NAMNDSEKRETERARE, roles_ensure
from agreements.models import Party
from assessments import services as assessment_services
from assessments.models import CriteriaSet, CriterionAssessment
from organisations import services as organisation_services

from .builder import Assessing, Deciding, Signing, build_case
from .cases import CASES
from .meetings import meetings_demo_add
from .messages import draft_demo_add, messages_demo_add
from .people import demo_user, members_demo_add
from .queue import queue_demo_fill
from .stages import stages_demo_add
from .term import term_demo_add, term_goals
from .tjansteutlatande import signatories_demo_add

DEMO_KOMMUN = "Demokommun"

FULFILLED = CriterionAssessment.Verdict.FULFILLED
# The organisation's own contribution valued, as the handläggare would after the dialogue.
IN_KIND = {"in_kind_type": "volunteer_hours", "in_kind_hours": 1500, "in_kind_value_sek": 300000}


def _forvaltningar(kommun) -> dict:
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
    return forvaltningar


@transaction.atomic
def load_demo_data(*, today: datetime.date | None = None) -> dict | None:
    """Create the demo kommun and cases; return the logins, or None if already loaded."""
    if Kommun.objects.filter(name=DEMO_KOMMUN).exists():
        return None
    today = today or timezone.localdate()
    groups = roles_ensure()
    kommun = Kommun.objects.create(name=DEMO_KOMMUN)
    forvaltningar = _forvaltningar(kommun)

    logins = {
        "admin": demo_user(
            "admin", "Ada", "Admin", email="admin@demokommun.example", superuser=True
        )
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
        by_prefix[prefix] = logins[username] = demo_user(
            username,
            first,
            last,
            email=f"{username}@demokommun.example",
            staff=True,
            forvaltning=forvaltningar[prefix],
            group=groups[HANDLAGGARE if role == "handlaggare" else NAMNDSEKRETERARE],
            phone=phone,
        )

    logins.update(signatories_demo_add(forvaltningar=forvaltningar, group=groups[HANDLAGGARE]))

    last_org = last_user = None
    made = {}
    term_start = today.replace(day=1) - datetime.timedelta(days=240)
    term_start = term_start.replace(day=1)
    term_end = term_start.replace(year=term_start.year + 1) - datetime.timedelta(days=1)
    for paragraph, case in enumerate(CASES, start=40):
        if case["org"] is not None:
            username, first, last = case["user"]
            last_user = logins[username] = demo_user(
                username, first, last, email=case["org"]["contact_email"]
            )
            last_org = organisation_services.organisation_create(by=last_user, **case["org"])
        made[case["key"]] = _case_walk(
            case,
            paragraph=paragraph,
            organisation=last_org,
            member=last_user,
            forvaltning=forvaltningar[case["forvaltning"]],
            handlaggare=staff.get(case["forvaltning"]),
            secretary=secretaries.get(case["forvaltning"]),
            admin=logins["admin"],
            term=(term_start, term_end),
        )
    logins.update(members_demo_add(imh=logins["imh"]))
    queue_demo_fill(made=made, staff=staff, forvaltningar=forvaltningar)
    messages_demo_add(kommun=kommun)
    term_demo_add(kommun=kommun)
    draft_demo_add(kommun=kommun)
    logins.update(
        meetings_demo_add(
            forvaltning=forvaltningar["SOF"],
            handlaggare=staff["SOF"],
            secretary=secretaries["SOF"],
            today=today,
        )
    )
    stages_demo_add(
        made=made, staff=staff, secretaries=secretaries, admin=logins["admin"], today=today
    )
    return {name: user.username for name, user in logins.items()}


def _case_walk(
    case, *, paragraph, organisation, member, forvaltning, handlaggare, secretary, admin, term
):
    """Build one of CASES to its stage; a case in assessment has its first criterion assessed."""
    term_start, term_end = term
    title = case["initiative"]["title"]
    built = build_case(
        stage=case["stage"],
        organisation=organisation,
        forvaltning=forvaltning,
        member=member,
        fields={"term_start": term_start, "term_end": term_end} | case["initiative"],
        handlaggare=handlaggare,
        # Four eyes: a second staff member at the förvaltning approves what the handläggare saved.
        approver=secretary or admin,
        secretary=secretary,
        assessing=Assessing(
            summary=f"{organisation.name} föreslår verksamheten {title}, som "
            "skapar möten mellan nyanlända och etablerade invånare och därmed främjar social "
            "integration. Förvaltningen bedömer att samtliga kriterier för IOP är uppfyllda och "
            "föreslår ett ettårigt partnerskap.",
            considerations="Verksamheten bygger på organisationens eget engagemang och ideella "
            "krafter som förvaltningen inte själv har. Det finns ingen marknad för verksamheten "
            "och båda parter bidrar. Avtalstiden är ett år; partnerskapet utvärderas innan "
            "ställning tas till en fortsättning, och inget utlovas i förväg.",
        ),
        organisation_in_kind=IN_KIND,
        goals=term_goals(title),
        deciding=Deciding(
            meeting_date=term_start - datetime.timedelta(days=14),
            paragraph=paragraph,
            decision_text=f"{forvaltning.namnd.name} godkänner avtal om idéburet offentligt "
            f"partnerskap med {organisation.name} om {title}.",
            decision_process="Ordföranden konstaterar att det finns ett förslag till beslut och "
            "det är förvaltningens. Ordföranden finner att nämnden beslutar enligt förvaltningens "
            "förslag.",
            adjusted_immediately=True,
        ),
        signing=Signing(
            signed_on=term_start - datetime.timedelta(days=7),
            signatories=(
                (Party.MUNICIPALITY, forvaltning.head_name, "Förvaltningschef"),
                (Party.ORGANISATION, organisation.contact_name, "Ordförande"),
            ),
        ),
    )
    if case["stage"] == "assessment":
        first = built.assessment.answers.order_by("criterion__position").first()
        assessment_services.assessment_record(
            assessment=built.assessment,
            by=handlaggare,
            answers={first.criterion_id: (FULFILLED, "Initiativet kommer från organisationen.")},
        )
    return built.initiative
