"""Fill the public guide's questions for the seeded Stockholm six and Linköping eight criteria."""

from django.db import migrations

STOCKHOLM = "Forums kriterier (Stockholm, socialnämnden 2015)"
LINKOPING = "Forums kriterier (Linköping, riktlinjer 2017)"

# The questions behind Forum's criteria, in the organisation's words, and where a "no" points.
INITIATIVE = (
    "Kommer idén till verksamheten från er organisation?",
    "Ett IOP bygger på att den idéburna organisationen själv har tagit initiativet. Har kommunen "
    "beställt eller efterfrågat en bestämd tjänst är det ett köp, och då gäller reglerna om "
    "upphandling. Kommunen kan bjuda in till dialog, men det är ingen beställning.",
    "upphandling",
)
PROGRAMME = (
    "Hör verksamheten till ett politiskt program eller en plan där idéburna organisationer nämns?",
    "Partnerskapet ska vara ett led i att förverkliga kommunens mål, till exempel en plan för "
    "integration eller mot våld i nära relationer. Vet ni inte vilka planer som finns kan "
    "förvaltningens kontaktperson berätta.",
    "unclear",
)
SPECIFIC = (
    "Gäller det en avgränsad verksamhet, och inte stöd till organisationens allmänna arbete?",
    "Stöd till en organisations allmänna, löpande verksamhet ges som föreningsbidrag. Ett IOP "
    "gäller en särskild verksamhet med ett eget syfte.",
    "foreningsbidrag",
)
NO_MARKET = (
    "Saknas det en marknad för verksamheten, det vill säga företag eller andra som säljer "
    "samma sak till kommunen?",
    "Finns det leverantörer som konkurrerar om att sälja tjänsten ska kommunen upphandla den. "
    "Ett IOP får inte användas för att undvika upphandling (Kammarrätten i Göteborg, mål 3556-18).",
    "upphandling",
)
CO_FINANCING = (
    "Bidrar er organisation själv med pengar eller andra resurser, till exempel ideella timmar, "
    "lokaler eller kunskap?",
    "I ett IOP bidrar båda parter. Betalar kommunen för hela verksamheten är det i stället ett "
    "köp av en tjänst.",
    "upphandling",
)
SELF_STEERING = (
    "Bestämmer er organisation själv hur verksamheten ska bedrivas, utan att kommunen "
    "detaljstyr den?",
    "Parterna kommer överens om mål och uppföljning, men kommunen detaljstyr inte arbetet. Vill "
    "kommunen bestämma i detalj hur tjänsten utförs liknar det en upphandling.",
    "upphandling",
)
LOCAL = (
    "Bidrar verksamheten till lokal utveckling och till att människor kan delta i samhället?",
    "Linköpings kommun ser IOP som ett sätt att stärka lokal utveckling och delaktighet. Är ni "
    "osäkra kan förvaltningens kontaktperson hjälpa er att bedöma det.",
    "unclear",
)
PARTNERSHIP = (
    "Vill ni samarbeta som partner med kommunen, och inte som säljare och köpare?",
    "Ett IOP är ett avtal mellan jämbördiga parter som inte bygger på marknadsmekanismer och "
    "kommersiell logik. Vill ni hellre sälja en tjänst till kommunen är upphandling rätt väg.",
    "upphandling",
)

GUIDE = {
    STOCKHOLM: [INITIATIVE, PROGRAMME, SPECIFIC, NO_MARKET, CO_FINANCING, SELF_STEERING],
    LINKOPING: [
        INITIATIVE,
        PROGRAMME,
        LOCAL,
        SPECIFIC,
        NO_MARKET,
        CO_FINANCING,
        SELF_STEERING,
        PARTNERSHIP,
    ],
}


def fill(apps, schema_editor):
    Criterion = apps.get_model("assessments", "Criterion")
    for set_name, questions in GUIDE.items():
        for position, (question, help_text, if_no) in enumerate(questions, start=1):
            Criterion.objects.filter(
                criteria_set__name=set_name, criteria_set__version=1, position=position
            ).update(guide_question=question, guide_help=help_text, guide_if_no=if_no)


def empty(apps, schema_editor):
    Criterion = apps.get_model("assessments", "Criterion")
    Criterion.objects.filter(criteria_set__name__in=GUIDE, criteria_set__version=1).update(
        guide_question="", guide_help="", guide_if_no="unclear"
    )


class Migration(migrations.Migration):
    dependencies = [("assessments", "0003_criterion_guide_fields")]
    operations = [migrations.RunPython(fill, empty)]
