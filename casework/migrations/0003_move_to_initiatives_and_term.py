"""Messages and wizard progress move to initiatives, follow-up reports to term; rows stay."""

from django.db import migrations

# Written out here rather than imported: a migration stays as it was when it ran.


def _content_types_move(apps, moves):
    content_type = apps.get_model("contenttypes", "ContentType")
    for model, old_app, new_app in moves:
        # A fresh database has no content types yet; post_migrate makes the new ones.
        if not content_type.objects.filter(app_label=new_app, model=model).exists():
            content_type.objects.filter(app_label=old_app, model=model).update(app_label=new_app)


def move_tables(*, old_app: str, moves: dict[str, str]) -> list:
    """The database side of moving models out of `old_app`: each {model: new_app} gets the new
    app's default table name (its many-to-many tables follow), and its content type moves too,
    so its permissions and the admin's log entries stay attached to it."""
    ct_moves = [(model, old_app, new_app) for model, new_app in moves.items()]
    return [
        *(
            migrations.AlterModelTable(name=model, table=f"{new_app}_{model}")
            for model, new_app in moves.items()
        ),
        migrations.RunPython(
            lambda apps, schema_editor: _content_types_move(apps, ct_moves),
            lambda apps, schema_editor: _content_types_move(
                apps, [(m, new, old) for m, old, new in ct_moves]
            ),
        ),
    ]


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
