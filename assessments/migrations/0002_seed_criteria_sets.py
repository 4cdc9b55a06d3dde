"""Seed Forum's criteria as Stockholm (seed 000) and Linköping (seed 001) use them."""

from django.db import migrations

STOCKHOLM = (
    "Forums kriterier (Stockholm, socialnämnden 2015)",
    "Tjänsteutlåtande Dnr 1.7.2-464/2015, socialförvaltningen, Stockholms stad",
    [
        "Verksamheten sker på initiativ av den idéburna organisationen.",
        "Verksamheten är ett led i att förverkliga ett politiskt program eller en plan där de "
        "idéburna organisationerna särskilt nämns.",
        "Verksamheten kan inte ses som en del av ordinarie föreningsbidrag.",
        "Det finns inte en marknad eller konkurrenssituation att vårda.",
        "Bägge parter är med och finansierar arbetet.",
        "Verksamheten detaljregleras inte från kommunen.",
    ],
)

LINKOPING = (
    "Forums kriterier (Linköping, riktlinjer 2017)",
    "Information om IOP, bildningsnämnden, Linköpings kommun (riktlinjer dnr KS 2016-313)",
    [
        "Verksamheten sker på initiativ av den idéburna organisationen.",
        "Verksamheten är ett led i att förverkliga ett politiskt program eller plan, där de "
        "idéburna organisationerna särskilt nämns.",
        "Verksamheten bidrar till lokal utveckling och delaktighet i samhället.",
        "Verksamheten kan inte ses som en del av det normerade föreningsbidraget.",
        "Det finns inte en marknad eller en konkurrenssituation att vårda.",
        "Bägge parterna är med och finansierar verksamheten (via pengar eller andra insatser).",
        "Verksamheten detaljregleras inte från kommunen.",
        "Båda parterna önskar och ser en mening i att ha ett annat avtalsförhållande eller "
        "samverkan som inte bygger på marknadsmekanism och kommersiell logik.",
    ],
)


def seed(apps, schema_editor):
    CriteriaSet = apps.get_model("assessments", "CriteriaSet")
    Criterion = apps.get_model("assessments", "Criterion")
    for name, source, texts in (STOCKHOLM, LINKOPING):
        criteria_set, created = CriteriaSet.objects.get_or_create(
            name=name, version=1, defaults={"source": source, "published": True}
        )
        if created:
            Criterion.objects.bulk_create(
                Criterion(criteria_set=criteria_set, position=i, text=text)
                for i, text in enumerate(texts, start=1)
            )


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
