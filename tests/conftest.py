"""Shared fixtures: fast hashing, isolated media, and a small municipality to work in."""

import os

import pytest

from . import factories

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run in a
# thread with a running loop unless told that this is deliberate.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_configure(config):
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise pytest.UsageError(
            "The tests run on PostgreSQL and Redis: use 'make test', which starts both."
        )


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.LANGUAGE_CODE = "sv"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with the shared cache (Redis, as in production) empty: a row id that a
    rolled-back test used may come back, and its cached choices with it."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _tasks_run_in_process(request):
    """Outside the worker tests, a task asked for (the outbox's send after a commit) runs at
    once in the test's process, so a test reads the mail in mail.outbox."""
    if request.node.get_closest_marker("celery_worker"):
        yield
        return
    from iop_portal.celery import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False


@pytest.fixture
def town(db):
    """A kommun with two förvaltningar, staff in each, and two organisations with members."""
    return factories.Town.create()
