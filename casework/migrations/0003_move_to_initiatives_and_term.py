"""Messages and wizard progress move to initiatives, follow-up reports to term; rows stay."""

from django.db import migrations

from iop_portal.model_moves import move_tables


class Migration(migrations.Migration):

    dependencies = [
        ("casework", "0002_text_and_number_bounds"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=move_tables(
                old_app="casework",
                moves={
                    "draftprogress": "initiatives",
                    "casemessage": "initiatives",
                    "followupreport": "term",
                    "followupreportline": "term",
                },
            ),
            state_operations=[
                migrations.DeleteModel(name="FollowUpReportLine"),
                migrations.DeleteModel(name="FollowUpReport"),
                migrations.DeleteModel(name="CaseMessage"),
                migrations.DeleteModel(name="DraftProgress"),
            ],
        ),
    ]
