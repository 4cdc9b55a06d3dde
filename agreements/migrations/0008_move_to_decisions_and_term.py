"""The nämnd's decisions move to decisions, reminders and evaluations to term; rows stay."""

from django.db import migrations

from iop_portal.model_moves import move_tables


class Migration(migrations.Migration):

    dependencies = [
        ("agreements", "0007_text_and_number_bounds"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=move_tables(
                old_app="agreements",
                moves={
                    "decision": "decisions",
                    "sentreminder": "term",
                    "evaluation": "term",
                },
            ),
            state_operations=[
                migrations.DeleteModel(name="Decision"),
                migrations.DeleteModel(name="SentReminder"),
                migrations.DeleteModel(name="Evaluation"),
            ],
        ),
    ]
