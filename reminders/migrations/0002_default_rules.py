"""Every förvaltning gets the default rules, equivalent to the settings used before."""

from django.db import migrations


def seed(apps, schema_editor):
    from reminders.defaults import default_rules

    Forvaltning = apps.get_model("accounts", "Forvaltning")
    ReminderRule = apps.get_model("reminders", "ReminderRule")
    for forvaltning in Forvaltning.objects.all():
        for values in default_rules():
            ReminderRule.objects.get_or_create(
                forvaltning=forvaltning,
                date_kind=values["date_kind"],
                direction=values["direction"],
                days=values["days"],
                defaults=values,
            )


class Migration(migrations.Migration):
    dependencies = [("reminders", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
