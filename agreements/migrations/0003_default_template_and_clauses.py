"""Seed the standard agreement template with the clause library, and move existing agreements'
fixed clause fields into clauses of their own.

The wording follows what the seeds say an IOP agreement settles (seed 000: what the partnership
covers, which party contributes which resources, the term, conditions and commitments; seed 003:
repayment of funds if the activity is not delivered, how the knowledge built is taken care of,
a term that follows the activity).
"""

from django.db import migrations

STANDARD_NAME = "Kommunens standardmall för IOP-avtal"

# (kind, heading, text); {names} are filled from the case when a draft starts.
CLAUSES = [
    (
        "purpose",
        "Syfte",
        "{challenge}",
    ),
    (
        "activity",
        "Verksamhet",
        "{activity}\n"
        "Verksamheten drivs av {organisation} på organisationens eget initiativ. Kommunen "
        "detaljstyr inte verksamheten.",
    ),
    (
        "municipality_commitments",
        "Kommunens åtaganden",
        "{forvaltning} bidrar med de resurser som anges under Resurser, utser en kontaktperson "
        "för partnerskapet och deltar i de gemensamma uppföljningsmötena.",
    ),
    (
        "organisation_commitments",
        "Organisationens åtaganden",
        "{organisation} genomför verksamheten enligt avtalet, bidrar med de resurser som anges "
        "under Resurser, utser en kontaktperson och informerar kommunen utan dröjsmål om "
        "verksamheten inte kan genomföras som avtalat.",
    ),
    (
        "resources",
        "Resurser",
        "Båda parter bidrar till verksamheten med pengar eller andra resurser, såsom lokaler, "
        "personaltid, ideell tid och kunskap. Parternas insatser per år och deras värdering "
        "framgår av tabellen över insatser i avtalet.",
    ),
    (
        "term",
        "Avtalstid",
        "Avtalet gäller från och med {term_start} till och med {term_end}. Avtalet upphör utan "
        "uppsägning när avtalstiden har gått ut. En eventuell fortsättning prövas efter "
        "utvärderingen; inget utlovas i förväg.",
    ),
    (
        "follow_up",
        "Uppföljning och rapportering",
        "Organisationen lämnar en skriftlig rapport på varje rapportdatum i avtalet: "
        "genomförda aktiviteter, antal deltagare, hur medlen har använts per insats och "
        "eventuella avvikelser. "
        "Parterna träffas minst en gång per halvår för att följa upp partnerskapet tillsammans. "
        "Partnerskapet utvärderas gemensamt när avtalstiden går ut.",
    ),
    (
        "knowledge_sharing",
        "Kunskapsspridning",
        "Parterna dokumenterar gemensamt de erfarenheter och den kunskap som byggs upp i "
        "partnerskapet. Kunskapen redovisas i slututvärderingen och sprids inom förvaltningen och "
        "till andra idéburna organisationer, utan att personuppgifter om deltagare lämnas ut.",
    ),
    (
        "repayment",
        "Återbetalning",
        "Om den överenskomna verksamheten inte genomförs, eller om medlen används till annat än "
        "det avtalade, ska organisationen betala tillbaka de medel som inte har använts enligt "
        "avtalet. Parterna stämmer först av avvikelsen vid ett uppföljningsmöte.",
    ),
    (
        "termination",
        "Uppsägning",
        "Vardera parten får säga upp avtalet med tre månaders uppsägningstid om den andra parten "
        "väsentligt brister i sina åtaganden och inte har rättat bristen inom en månad efter "
        "skriftlig påminnelse.",
    ),
    (
        "personal_data",
        "Personuppgifter",
        "Varje part ansvarar för sin egen behandling av personuppgifter enligt "
        "dataskyddsförordningen (GDPR). Uppgifter om enskilda deltagare lämnas inte mellan "
        "parterna utan deltagarens samtycke.",
    ),
    (
        "insurance",
        "Försäkring",
        "Organisationen har ansvarsförsäkring och olycksfallsförsäkring för verksamheten, även "
        "för ideella medarbetare.",
    ),
    (
        "communication",
        "Kommunikation",
        "Parterna informerar gemensamt om partnerskapet och anger i sin kommunikation att "
        "verksamheten drivs som ett idéburet offentligt partnerskap mellan {organisation} och "
        "{kommun}.",
    ),
    (
        "disputes",
        "Tvist",
        "Tvist om avtalets tolkning eller tillämpning löses i första hand genom dialog mellan "
        "parterna, i andra hand av allmän domstol.",
    ),
]


def seed(apps, schema_editor):
    """Create the standard template once (also called by tests after a flush)."""
    Template = apps.get_model("agreements", "AgreementTemplate")
    Clause = apps.get_model("agreements", "TemplateClause")
    if Template.objects.filter(forvaltning__isnull=True, name=STANDARD_NAME).exists():
        return
    template = Template.objects.create(name=STANDARD_NAME, forvaltning=None)
    Clause.objects.bulk_create(
        Clause(template=template, kind=kind, position=n, heading=heading, text=text)
        for n, (kind, heading, text) in enumerate(CLAUSES, start=1)
    )


def clauses_from_fields(apps, schema_editor):
    """Give every existing agreement the library's clauses, with its own texts where it had them."""
    Agreement = apps.get_model("agreements", "Agreement")
    AgreementClause = apps.get_model("agreements", "AgreementClause")
    Contribution = apps.get_model("agreements", "Contribution")
    template = apps.get_model("agreements", "AgreementTemplate").objects.get(
        forvaltning__isnull=True, name=STANDARD_NAME
    )
    library = list(template.clauses.order_by("position").values_list("kind", "heading", "text"))
    for agreement in Agreement.objects.select_related(
        "initiative__organisation", "initiative__forvaltning__kommun"
    ):
        own = {
            "purpose": agreement.purpose,
            "activity": agreement.activities,
            "follow_up": agreement.follow_up_clause,
            "knowledge_sharing": agreement.knowledge_sharing_clause,
            "repayment": agreement.repayment_clause,
        }
        rows = [
            AgreementClause(
                agreement=agreement,
                kind=kind,
                position=n,
                heading=heading,
                text=own.get(kind, text)
                .replace("{organisation}", agreement.initiative.organisation.name)
                .replace("{forvaltning}", agreement.initiative.forvaltning.name)
                .replace("{kommun}", agreement.initiative.forvaltning.kommun.name)
                .replace("{term_start}", agreement.term_start.isoformat())
                .replace("{term_end}", agreement.term_end.isoformat()),
            )
            for n, (kind, heading, text) in enumerate(library, start=1)
        ]
        if agreement.other_clauses.strip():
            # The old free-text "other terms" held several clauses; keep it whole, last.
            rows.append(
                AgreementClause(
                    agreement=agreement,
                    kind="other",
                    position=len(rows) + 1,
                    heading="Övriga villkor",
                    text=agreement.other_clauses,
                )
            )
        AgreementClause.objects.bulk_create(rows)
        agreement.template = template
        agreement.save(update_fields=["template"])
    Contribution.objects.exclude(in_kind_description="").update(in_kind_type="other")


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0002_templates_clauses_versions_signatures"),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(clauses_from_fields, migrations.RunPython.noop),
    ]
