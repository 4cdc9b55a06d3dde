"""A trigram index on the organisation's name for the staff queue's search (initiatives.search),
on PostgreSQL only. The case's title and diarienummer have theirs since migration 0003.

Django's icontains is UPPER(column::text) LIKE UPPER('%term%'); a GIN index with gin_trgm_ops on
the same expression serves it. SQLite (make run) has neither pg_trgm nor GIN: there this migration
does nothing and the search scans, which is fine at a demo's size.
"""

from django.db import migrations

INDEXES = {
    "organisation_name_trgm": ("organisations_organisation", "UPPER(name) gin_trgm_ops"),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # pg_trgm is a trusted extension: the database's owner may create it without a superuser.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, (table, expression) in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({expression})")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0012_next_due"),
        ("organisations", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
