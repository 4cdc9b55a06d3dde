"""A trigram index on the agreement's public summary, for the public register's search
(public.register), on PostgreSQL only; SQLite (make run) has no pg_trgm, and there this does
nothing. The register's other searched columns (the case's title, the organisation's name) have
theirs from initiatives' migration 0013.
"""

from django.db import migrations

NAME = "agreement_public_summary_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {NAME} ON agreements_agreement "
        "USING gin (UPPER(public_summary) gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0008_move_to_decisions_and_term"),
        ("initiatives", "0013_search_trigram_indexes"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
