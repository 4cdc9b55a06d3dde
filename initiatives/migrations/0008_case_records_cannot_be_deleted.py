"""The database refuses to delete a registered case's status history and diary entries.

The models and their querysets refuse already (core.records); this guard also stops a raw
DELETE, a script or a shell session. PostgreSQL (production and the test suite) and SQLite
(`make run`) each get a trigger in their own dialect; the portal supports no other database.
A draft's rows stay deletable (a draft has none today, but it is not yet a public record).
TRUNCATE is not guarded: it needs the table owner's rights, and the test suite's flush uses it.
"""

from django.db import migrations

TABLES = ("initiatives_statuschange", "initiatives_diaryentry")
# No quote characters: it goes into SQL string literals.
MESSAGE = "the records of a registered case cannot be deleted"

POSTGRESQL_FUNCTION = f"""
CREATE OR REPLACE FUNCTION initiatives_keep_case_records() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM initiatives_initiative
        WHERE id = OLD.initiative_id AND status <> 'draft'
    ) THEN
        RAISE EXCEPTION USING
            MESSAGE = '{MESSAGE} (' || TG_TABLE_NAME || ')', ERRCODE = 'restrict_violation';
    END IF;
    RETURN OLD;
END;
$$;
"""


def _trigger(table: str) -> str:
    return f"{table}_keep_records"


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_FUNCTION)
    for table in TABLES:
        if vendor == "postgresql":
            schema_editor.execute(
                f"CREATE TRIGGER {_trigger(table)} BEFORE DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION initiatives_keep_case_records();"
            )
        elif vendor == "sqlite":
            schema_editor.execute(
                f"CREATE TRIGGER {_trigger(table)} BEFORE DELETE ON {table} FOR EACH ROW "
                "WHEN EXISTS (SELECT 1 FROM initiatives_initiative "
                "WHERE id = OLD.initiative_id AND status <> 'draft') "
                f"BEGIN SELECT RAISE(ABORT, '{MESSAGE} ({table})'); END;"
            )
        else:
            raise NotImplementedError(f"no record guard for the {vendor} database")


def uninstall(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {_trigger(table)} ON {table};")
        elif vendor == "sqlite":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {_trigger(table)};")
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS initiatives_keep_case_records();")


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0007_received_via_db_default"),
    ]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
