"""The database refuses to change or delete a justerad § and what the protokoll records under it.

The services refuse first, and the models' save() and delete() (namnd.models.paragraf); this
guard also stops a raw UPDATE, a script or a shell session. The one change a § takes while not
yet justerad, setting its justeringsdatum, passes: the check is on the stored row's date.
PostgreSQL and SQLite each get triggers in their own dialect, as in initiatives 0008.
"""

from django.db import migrations

# No quote characters: it goes into SQL string literals.
MESSAGE = "a justerad paragraf of the protokoll cannot change"
PARTS = ("namnd_yrkande", "namnd_yttrande", "namnd_jav", "namnd_omrostning")

POSTGRESQL = f"""
CREATE OR REPLACE FUNCTION namnd_keep_justerad_paragraf() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.justerad_on IS NOT NULL THEN
        RAISE EXCEPTION USING MESSAGE = '{MESSAGE}', ERRCODE = 'restrict_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END;
$$;
CREATE OR REPLACE FUNCTION namnd_keep_justerad_part() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    row_paragraf bigint;
BEGIN
    IF TG_OP = 'DELETE' THEN row_paragraf := OLD.paragraf_id; ELSE row_paragraf := NEW.paragraf_id; END IF;
    IF EXISTS (
        SELECT 1 FROM namnd_paragraf WHERE id = row_paragraf AND justerad_on IS NOT NULL
    ) THEN
        RAISE EXCEPTION USING
            MESSAGE = '{MESSAGE} (' || TG_TABLE_NAME || ')', ERRCODE = 'restrict_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END;
$$;
"""


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL)
        schema_editor.execute(
            "CREATE TRIGGER namnd_paragraf_keep_justerad BEFORE UPDATE OR DELETE ON "
            "namnd_paragraf FOR EACH ROW EXECUTE FUNCTION namnd_keep_justerad_paragraf();"
        )
        for table in PARTS:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_keep_justerad BEFORE INSERT OR UPDATE OR DELETE ON "
                f"{table} FOR EACH ROW EXECUTE FUNCTION namnd_keep_justerad_part();"
            )
    elif vendor == "sqlite":
        for op in ("UPDATE", "DELETE"):
            schema_editor.execute(
                f"CREATE TRIGGER namnd_paragraf_keep_justerad_{op.lower()} BEFORE {op} ON "
                "namnd_paragraf FOR EACH ROW WHEN OLD.justerad_on IS NOT NULL "
                f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;"
            )
        for table in PARTS:
            for op, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
                schema_editor.execute(
                    f"CREATE TRIGGER {table}_keep_justerad_{op.lower()} BEFORE {op} ON {table} "
                    "FOR EACH ROW WHEN EXISTS (SELECT 1 FROM namnd_paragraf "
                    f"WHERE id = {row}.paragraf_id AND justerad_on IS NOT NULL) "
                    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE} ({table})'); END;"
                )
    else:
        raise NotImplementedError(f"no protokoll guard for the {vendor} database")


def uninstall(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS namnd_paragraf_keep_justerad ON namnd_paragraf;")
        for table in PARTS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_keep_justerad ON {table};")
        schema_editor.execute("DROP FUNCTION IF EXISTS namnd_keep_justerad_paragraf();")
        schema_editor.execute("DROP FUNCTION IF EXISTS namnd_keep_justerad_part();")
    elif vendor == "sqlite":
        for op in ("update", "delete"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS namnd_paragraf_keep_justerad_{op};")
        for table in PARTS:
            for op in ("insert", "update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_keep_justerad_{op};")


class Migration(migrations.Migration):
    dependencies = [("namnd", "0001_initial")]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
