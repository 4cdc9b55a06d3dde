"""Only the migration history of tables that moved to initiatives and term; no code of its own."""
