"""Tests that start real Celery worker processes."""
