"""Tests of the shared helpers and the project: settings, PDF renderer, translations, broker."""
