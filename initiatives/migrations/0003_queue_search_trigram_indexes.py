"""Trigram indexes for the staff queue's search (PostgreSQL only; SQLite dev databases skip it).

The admin searches with UPPER(col::text) LIKE UPPER('%term%'); a GIN trigram index on exactly
that expression lets PostgreSQL find the matches without reading every case.
"""

from django.db import migrations

INDEXES = {
    "initiative_dnr_trgm_idx": "diarienummer",
    "initiative_title_trgm_idx": "title",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON initiatives_initiative "
            f"USING gin ((UPPER({column}::text)) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0002_case_queue_watch_dates_dialogue"),
    ]

    operations = [migrations.RunPython(create, drop)]
