"""The two layouts of the seeds as data: Stockholm's (seeds 000, 003; the default) and
Linköping's (seed 001). A förvaltning gets its own by pointing a mall at it in the admin."""

from django.db import migrations

STOCKHOLM = [
    ["forslag_till_beslut", "Förvaltningens förslag till beslut"],
    ["signatures", ""],
    ["sammanfattning", "Sammanfattning"],
    ["bakgrund", "Bakgrund"],
    ["arendets_beredning", "Ärendets beredning"],
    ["arendet", "Ärendet"],
    ["synpunkter", "Förvaltningens synpunkter och förslag"],
    ["sammantagen_bedomning", "Sammantagen bedömning"],
    ["bilagor", "Bilagor"],
]
LINKOPING = [
    ["forslag_till_beslut", "Förslag till beslut"],
    ["arendet", "Ärende"],
    ["beslutsunderlag", "Beslutsunderlag"],
    ["bakgrund", "Bakgrund"],
    ["arendets_beredning", "Ärendets beredning"],
    ["synpunkter", "Förvaltningens synpunkter"],
    ["sammantagen_bedomning", "Sammantagen bedömning"],
    ["signatures", ""],
    ["bilagor", "Bilagor"],
]


def seed(apps, schema_editor):
    Mall = apps.get_model("decisions", "TjansteutlatandeMall")
    Mall.objects.update_or_create(
        key="stockholm",
        defaults={"name": "Stockholms stad", "is_default": True, "sections": STOCKHOLM},
    )
    Mall.objects.update_or_create(
        key="linkoping",
        defaults={"name": "Linköpings kommun", "is_default": False, "sections": LINKOPING},
    )


def unseed(apps, schema_editor):
    apps.get_model("decisions", "TjansteutlatandeMall").objects.filter(
        key__in=["stockholm", "linkoping"], tjansteutlatande__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("decisions", "0002_tjansteutlatande")]

    operations = [migrations.RunPython(seed, unseed)]
