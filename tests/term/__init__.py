"""Tests of the partnership's term: follow-up reports, reminders, evaluation."""
