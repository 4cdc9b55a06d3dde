"""Mark what the seeded criteria require, and seed Stockholm's set with the city checks.

The city checks come from "Stockholms stads riktlinjer för IOP" as the remiss answers read them
(seed 003: socialnämnden 2017; seed 004: arbetsmarknadsnämnden, AMN 2017-0228-01.06). They are
part of a set rather than a separate list, so an assessment records one set and a förvaltning
keeps choosing one set.
"""

from django.db import migrations

FORUM = "Forums kriterier"
CITY = "Stadens kontroller"
IOP, GRANT, PROCUREMENT = "iop", "foreningsbidrag", "upphandling"

# (text, guidance, rules_out) for the six Forum criteria as Stockholm words them (seed 000).
STOCKHOLM_FORUM = [
    ("Verksamheten sker på initiativ av den idéburna organisationen.", "", ""),
    (
        "Verksamheten är ett led i att förverkliga ett politiskt program eller en plan där de "
        "idéburna organisationerna särskilt nämns.",
        "",
        "",
    ),
    ("Verksamheten kan inte ses som en del av ordinarie föreningsbidrag.", "", GRANT),
    (
        "Det finns inte en marknad eller konkurrenssituation att vårda.",
        "Finns en marknad av leverantörer ska verksamheten upphandlas enligt LOU.",
        PROCUREMENT,
    ),
    ("Bägge parter är med och finansierar arbetet.", "", ""),
    ("Verksamheten detaljregleras inte från kommunen.", "", ""),
]

CITY_CHECKS = [
    (
        "Partnerskapet är förenligt med gällande lagstiftning: kommunal kompetens, lagen om "
        "offentlig upphandling (LOU) och reglerna om statsstöd.",
        "Riktlinjerna: staden ska först kontrollera att partnerskapet är förenligt med gällande "
        "lagstiftning (AMN 2017-0228-01.06).",
    ),
    (
        "Den idéburna organisationen bygger på en demokratisk värdegrund som överensstämmer med "
        "stadens värderingar.",
        "Riktlinjerna ger ingen vägledning för hur demokratisk värdegrund ska bedömas "
        "(socialnämndens remissvar 2017): skriv i motiveringen vad bedömningen grundar sig på.",
    ),
    (
        "Den idéburna organisationens jämställdhetsarbete överensstämmer med stadens syn.",
        "Riktlinjerna ger ingen vägledning för hur jämställdhetsarbete ska bedömas "
        "(socialnämndens remissvar 2017): skriv i motiveringen vad bedömningen grundar sig på.",
    ),
    (
        "Organisationens ekonomi är bedömd utifrån de begärda uppgifterna: stadgar, "
        "årsredovisning eller årsbokslut, verksamhetsberättelse och styrelseprotokoll.",
        "Riktlinjerna säger inte vilka krav nämnden kan ställa på organisationens ekonomi "
        "(socialnämndens remissvar 2017): skriv ut bedömningen och länka underlagen.",
    ),
    (
        "Roller och ansvar är tydligt definierade för båda parter.",
        "Ett IOP-avtal är ett partnerskap på lika villkor (AMN 2017-0228-01.06).",
    ),
    (
        "Båda parter bidrar till verksamheten med jämbördiga resurser.",
        "Resurser kan vara pengar eller annat: lokaler, personaltid, kunskap "
        "(AMN 2017-0228-01.06).",
    ),
]

CITY_SET = (
    "Forums kriterier och stadens kontroller (riktlinjer 2018)",
    "Stockholms stads riktlinjer för idéburet offentligt partnerskap (IOP); kontrollerna som "
    "remissvaren läser dem: socialnämnden 2017, arbetsmarknadsnämnden AMN 2017-0228-01.06",
)
SEEDED_SETS = [
    "Forums kriterier (Stockholm, socialnämnden 2015)",
    "Forums kriterier (Linköping, riktlinjer 2017)",
]


def seed(apps, schema_editor):
    CriteriaSet = apps.get_model("assessments", "CriteriaSet")
    Criterion = apps.get_model("assessments", "Criterion")
    # The first seed (0002) wrote the texts; every Forum criterion is a condition for IOP, and
    # two of them point to the other forms when fulfilled.
    seeded = Criterion.objects.filter(criteria_set__name__in=SEEDED_SETS, criteria_set__version=1)
    seeded.update(section=FORUM, required_for=IOP)
    seeded.filter(text__contains="marknad").update(rules_out=PROCUREMENT)
    seeded.filter(text__contains="föreningsbidrag").update(rules_out=GRANT)

    name, source = CITY_SET
    criteria_set, created = CriteriaSet.objects.get_or_create(
        name=name, version=1, defaults={"source": source, "published": True}
    )
    if not created:
        return
    rows = [(FORUM, text, guidance, rules_out) for text, guidance, rules_out in STOCKHOLM_FORUM]
    rows += [(CITY, text, guidance, "") for text, guidance in CITY_CHECKS]
    Criterion.objects.bulk_create(
        Criterion(
            criteria_set=criteria_set,
            position=position,
            section=section,
            text=text,
            guidance=guidance,
            required_for=IOP,
            rules_out=rules_out,
        )
        for position, (section, text, guidance, rules_out) in enumerate(rows, start=1)
    )


class Migration(migrations.Migration):
    dependencies = [("assessments", "0003_versioned_sets_four_eyes")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
