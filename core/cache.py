"""The portal's cache: Django's Redis backend, shared by every web worker, that never fails a page.

What the portal keeps in the cache (the queue's filter choices, the accessibility report's rate
limit) can always be worked out again or done without. So when Redis cannot be reached, a read
misses, a write is dropped and a count is not kept; the failure is logged and the request goes
on. Django's own backend would raise, and turn a Redis restart into a 500 on every page that
uses the cache.
"""

import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)


def _unavailable(operation: str, error: Exception) -> None:
    logger.warning("Cache unavailable, %s skipped: %s", operation, error)


class _TolerantClient(RedisCacheClient):
    """RedisCacheClient whose every operation answers as an empty cache would when Redis is
    down (a ConnectionError or a TimeoutError from redis-py)."""

    def _errors(self):
        return (self._lib.exceptions.ConnectionError, self._lib.exceptions.TimeoutError)

    def add(self, key, value, timeout):
        try:
            return super().add(key, value, timeout)
        except self._errors() as error:
            _unavailable("add", error)
            return False

    def get(self, key, default):
        try:
            return super().get(key, default)
        except self._errors() as error:
            _unavailable("get", error)
            return default

    def set(self, key, value, timeout):
        try:
            super().set(key, value, timeout)
        except self._errors() as error:
            _unavailable("set", error)

    def touch(self, key, timeout):
        try:
            return super().touch(key, timeout)
        except self._errors() as error:
            _unavailable("touch", error)
            return False

    def delete(self, key):
        try:
            return super().delete(key)
        except self._errors() as error:
            _unavailable("delete", error)
            return False

    def get_many(self, keys):
        try:
            return super().get_many(keys)
        except self._errors() as error:
            _unavailable("get_many", error)
            return {}

    def has_key(self, key):
        try:
            return super().has_key(key)
        except self._errors() as error:
            _unavailable("has_key", error)
            return False

    def incr(self, key, delta):
        # No count is kept while Redis is down: a limit counted here lets the request through.
        try:
            return super().incr(key, delta)
        except self._errors() as error:
            _unavailable("incr", error)
            return 0

    def set_many(self, data, timeout):
        try:
            super().set_many(data, timeout)
        except self._errors() as error:
            _unavailable("set_many", error)

    def delete_many(self, keys):
        try:
            super().delete_many(keys)
        except self._errors() as error:
            _unavailable("delete_many", error)

    def clear(self):
        try:
            return super().clear()
        except self._errors() as error:
            _unavailable("clear", error)
            return False


class TolerantRedisCache(RedisCache):
    """Django's RedisCache with _TolerantClient (see the module's docstring)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _TolerantClient
