"""The shared cache: Redis, one for every worker, apart from the broker, and never a failed page."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.test import TestCase, override_settings
from django.urls import reverse

from tests.public.test_accessibility_statement import report

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def _closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when the block ends: nothing listens there


def test_the_cache_is_redis_in_a_database_of_its_own():
    """A rate limit counted per web worker would let five times as many through; and clearing
    the cache must never empty the broker's queues."""
    default = settings.CACHES["default"]
    assert default["BACKEND"] == "core.cache.TolerantRedisCache"
    broker = settings.CELERY_BROKER_URL
    assert broker.startswith("redis://")
    assert default["LOCATION"].rsplit("/", 1)[0] == broker.rsplit("/", 1)[0]
    assert default["LOCATION"].rsplit("/", 1)[1] != broker.rsplit("/", 1)[1]


def _in_another_process(code: str) -> str:
    """Run `code` in a Python process of its own, as another web worker; return its last line."""
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "iop_portal.settings"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


def test_another_process_sees_what_one_wrote():
    cache.set("shared-check", "från testet", timeout=60)
    seen = _in_another_process(
        "from django.core.cache import cache; print(cache.get('shared-check'));"
        "cache.set('shared-answer', 'från en annan process')"
    )
    assert seen == "från testet"
    assert cache.get("shared-answer") == "från en annan process"


def test_the_rate_limit_counts_across_workers(client, settings, town):
    """One report here, one counted by another worker: the third is refused."""
    settings.IOP_ACCESSIBILITY_REPORTS_PER_HOUR = 2
    report(client)
    # The view's key for the test client's address (public.views._rate_limited).
    _in_another_process("from django.core.cache import cache; cache.incr('a11y-report:127.0.0.1')")
    page = report(client).content.decode()
    assert "Du har skickat många rapporter på kort tid." in page
    assert len(mail.outbox) == 1


def _redis_down():
    down = dict(settings.CACHES["default"], LOCATION=f"redis://127.0.0.1:{_closed_port()}/1")
    return override_settings(CACHES={"default": down})


def test_with_redis_down_the_pages_that_use_the_cache_still_answer(client, town, caplog):
    town.submitted()
    with _redis_down():
        from django.core.cache import cache as unreachable

        # Every operation answers as an empty cache would.
        assert unreachable.get("anything", "default") == "default"
        assert unreachable.add("anything", 1) is False
        assert unreachable.incr("anything") == 0
        assert unreachable.get_or_set("anything", lambda: "worked out") == "worked out"
        unreachable.set("anything", 1)
        unreachable.set_many({"a": 1, "b": 2})
        assert unreachable.get_many(["a", "b"]) == {}
        assert unreachable.has_key("a") is False
        assert unreachable.touch("a") is False
        assert unreachable.delete("a") is False
        unreachable.delete_many(["a", "b"])
        assert unreachable.clear() is False
        # The staff queue, whose filter choices live in the cache, is worked out afresh.
        client.force_login(town.handlaggare)
        queue = client.get(reverse("admin:initiatives_initiative_changelist"))
        assert queue.status_code == 200
        assert town.handlaggare.get_full_name() in queue.content.decode()
        client.logout()
        # A report is sent: the rate limit cannot count, so it lets the report through.
        with TestCase.captureOnCommitCallbacks(execute=True):
            response = client.post(
                reverse("public:accessibility_report"),
                {"page": "/partnerskap/", "description": "Kontrasten är för låg."},
                follow=True,
            )
        assert "Tack! Din rapport är skickad" in response.content.decode()
        assert len(mail.outbox) == 1
    assert "Cache unavailable" in caplog.text


def test_every_operation_of_the_redis_client_is_made_tolerant():
    """A Django upgrade that adds an operation to its Redis client fails here, not in a page."""
    from django.core.cache.backends.redis import RedisCacheClient

    from core.cache import _EMPTY_ANSWERS

    operations = {
        name
        for name, value in vars(RedisCacheClient).items()
        if callable(value) and not name.startswith("_") and name != "get_client"
    }
    assert operations == set(_EMPTY_ANSWERS)
