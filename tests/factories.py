"""Test data made through the portal's own services, as real users would make it."""

import datetime
import importlib
import itertools
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from stdnum import luhn

from accounts.models import Forvaltning, Kommun, Namnd
from accounts.roles import HANDLAGGARE, NAMNDSEKRETERARE, roles_ensure
from agreements.models import Party
from assessments.models import CriteriaSet, Recommendation
from demo.builder import Assessing, Deciding, Signing, build_case
from initiatives import services
from initiatives.models import Initiative
from organisations import services as org_services
from organisations.models import Organisation

PASSWORD = "test-password-1"

# Every free-text field an organisation fills in, derived so a new field is covered too.
TEXT_FIELDS = [
    name
    for name in services.DRAFT_FIELDS
    if Initiative._meta.get_field(name).get_internal_type() in {"CharField", "TextField"}
]
_seq = itertools.count(1)

FULL_INITIATIVE = {
    "title": "Läxhjälp i Demostad",
    "challenge": "Barn i trångboddhet saknar lugn plats och stöd för skolarbetet.",
    "activity": "Läxhjälp tre kvällar i veckan med ideella läxhjälpare.",
    "target_group": "Elever i årskurs 4–9.",
    "political_programme": "Kommunens plan för ökad likvärdighet i skolan.",
    "own_contribution": "Ideella läxhjälpare och samordning, cirka 1 200 timmar per år.",
    "requested_amount_per_year": 200000,
    "requested_other_resources": "Lokal i skolan tre kvällar i veckan.",
    "term_start": datetime.date(2027, 1, 1),
    "term_end": datetime.date(2027, 12, 31),
}


def criteria_sets_ensure() -> None:
    """Re-seed the criteria sets a transactional test's flush removed (the migration's own data)."""
    for migration in ("0002_seed_criteria_sets", "0004_seed_city_checks"):
        importlib.import_module(f"assessments.migrations.{migration}").seed(apps, None)
    # The guide's questions are filled in by a migration of their own.
    importlib.import_module("assessments.migrations.0004_fill_criterion_guide").fill(apps, None)
    agreement_template_ensure()
    importlib.import_module("decisions.migrations.0003_tjansteutlatande_templates").seed(apps, None)


def agreement_template_ensure() -> None:
    """Re-seed the standard agreement template (data migration) after a flush."""
    seed = importlib.import_module("agreements.migrations.0003_default_template_and_clauses").seed
    seed(apps, None)


def org_number() -> str:
    base = f"802{next(_seq):06d}"
    return f"{base[:6]}-{base[6:]}{luhn.calc_check_digit(base)}"


def user(username=None, *, staff=False, forvaltning=None, group=None, superuser=False, **extra):
    username = username or f"user{next(_seq)}"
    u = get_user_model().objects.create_user(
        username=username,
        password=PASSWORD,
        email=f"{username}@example.org",
        first_name=username.capitalize(),
        last_name="Testsson",
        is_staff=staff or superuser,
        is_superuser=superuser,
        forvaltning=forvaltning,
        **extra,
    )
    if group is not None:
        u.groups.add(group)
    return u


def organisation(member, **fields) -> Organisation:
    n = next(_seq)
    data = {
        "name": f"Föreningen {n}",
        "org_number": org_number(),
        "legal_form": Organisation.LegalForm.IDEELL_FORENING,
        "street_address": "Storgatan 1",
        "postal_code": "111 22",
        "city": "Demostad",
        "contact_name": "Kim Kontakt",
        "contact_email": f"kontakt{n}@forening.example",
        "contact_phone": "070-123 45 67",
    } | fields
    return org_services.organisation_create(by=member, **data)


@dataclass
class Town:
    kommun: Kommun
    sof: Forvaltning
    amf: Forvaltning
    handlaggare: object  # at sof
    handlaggare_amf: object
    secretary: object  # at sof
    superuser: object
    member: object
    other_member: object
    org: Organisation
    other_org: Organisation
    colleague: object = None  # a second handläggare at sof, who approves assessments

    @classmethod
    def create(cls):
        criteria_sets_ensure()
        groups = roles_ensure()
        kommun = Kommun.objects.create(name="Testkommun")
        stockholm = CriteriaSet.objects.get(name__contains="Stockholm", version=1)
        linkoping = CriteriaSet.objects.get(name__contains="Linköping", version=1)
        sof = Forvaltning.objects.create(
            kommun=kommun,
            namnd=Namnd.objects.create(kommun=kommun, name="Socialnämnden"),
            name="Socialförvaltningen",
            diary_prefix="SOF",
            criteria_set=stockholm,
            head_name="Gillis Hammar",
            deputy_name="Veronica Karlberg",
            contact_name="Christina Grönberg",
            contact_email="christina@kommun.example",
        )
        amf = Forvaltning.objects.create(
            kommun=kommun,
            namnd=Namnd.objects.create(kommun=kommun, name="Arbetsmarknadsnämnden"),
            name="Arbetsmarknadsförvaltningen",
            diary_prefix="AMN",
            diary_pattern="{prefix} {year}-{number:04d}-01.06",
            criteria_set=linkoping,
        )
        member = user("medlem")
        other_member = user("annan")
        return cls(
            kommun=kommun,
            sof=sof,
            amf=amf,
            handlaggare=user(
                "handlaggare",
                staff=True,
                forvaltning=sof,
                group=groups[HANDLAGGARE],
                phone="08-508 25 904",
            ),
            handlaggare_amf=user(
                "handlaggare_amf", staff=True, forvaltning=amf, group=groups[HANDLAGGARE]
            ),
            secretary=user(
                "sekreterare", staff=True, forvaltning=sof, group=groups[NAMNDSEKRETERARE]
            ),
            superuser=user("admin", superuser=True),
            member=member,
            other_member=other_member,
            org=organisation(member, name="Läxhjälpsföreningen"),
            other_org=organisation(other_member, name="Andra föreningen"),
            colleague=user("handlaggare2", staff=True, forvaltning=sof, group=groups[HANDLAGGARE]),
        )

    # Cases at each stage, made by walking the lifecycle through the services (demo.builder).
    def _build(
        self,
        stage,
        *,
        recommendation=Recommendation.IOP,
        paragraph=1,
        meeting_date=datetime.date(2026, 11, 2),
        **fields,
    ):
        data = FULL_INITIATIVE | {"forvaltning": self.sof} | fields
        forvaltning = data.pop("forvaltning")
        return build_case(
            stage=stage,
            organisation=self.org,
            forvaltning=forvaltning,
            member=self.member,
            fields=data,
            handlaggare=self.handlaggare,
            approver=self.colleague,
            secretary=self.secretary,
            assessing=Assessing(
                comment="Uppfyllt enligt dialogen.",
                recommendation=recommendation,
                summary="Förvaltningen bedömer att initiativet uppfyller kriterierna.",
                considerations="Förvaltningen föreslår ett ettårigt partnerskap.",
            ),
            deciding=Deciding(
                meeting_date=meeting_date,
                paragraph=paragraph,
                decision_text="Socialnämnden godkänner avtalet.",
            ),
            signing=Signing(
                signed_on=meeting_date,
                signatories=(
                    (Party.MUNICIPALITY, "Gillis Hammar", ""),
                    (Party.ORGANISATION, "Kim Kontakt", ""),
                ),
            ),
        ).initiative

    def draft(self, **fields) -> Initiative:
        return self._build("draft", **fields)

    def submitted(self, **fields) -> Initiative:
        return self._build("submitted", **fields)

    def in_assessment(self, **fields) -> Initiative:
        return self._build("assessment", **fields)

    def assessed(self, recommendation=Recommendation.IOP, **fields) -> Initiative:
        return self._build("assessed", recommendation=recommendation, **fields)

    def for_decision(self, **fields) -> Initiative:
        return self._build("decision", **fields)

    def signing(self, paragraph=1, meeting_date=datetime.date(2026, 11, 2), **fields) -> Initiative:
        """Approved by the nämnd; the agreement waits for both parties' signatures."""
        return self._build("signing", paragraph=paragraph, meeting_date=meeting_date, **fields)

    def active(self, paragraph=1, meeting_date=datetime.date(2026, 11, 2), **fields) -> Initiative:
        return self._build("active", paragraph=paragraph, meeting_date=meeting_date, **fields)
