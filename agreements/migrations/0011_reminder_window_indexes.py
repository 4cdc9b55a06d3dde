"""Indexes for the reminder sweep's windows of report dates and term ends."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0010_goals_amendments"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="agreement",
            index=models.Index(fields=["term_end"], name="agreement_term_end"),
        ),
        migrations.AddIndex(
            model_name="reportdate",
            index=models.Index(fields=["due_date"], name="reportdate_due_date"),
        ),
    ]
