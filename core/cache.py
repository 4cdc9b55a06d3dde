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


# What each of RedisCacheClient's operations answers while Redis is down, given its arguments:
# what an empty cache would answer. No count is kept (incr), so a limit counted in the cache lets
# the request through.
_EMPTY_ANSWERS = {
    "add": lambda *args: False,
    "get": lambda key, default: default,
    "set": lambda *args: None,
    "touch": lambda *args: False,
    "delete": lambda *args: False,
    "get_many": lambda *args: {},
    "has_key": lambda *args: False,
    "incr": lambda *args: 0,
    "set_many": lambda *args: None,
    "delete_many": lambda *args: None,
    "clear": lambda *args: False,
}


def _tolerant(name: str, empty_answer):
    operation = getattr(RedisCacheClient, name)

    def tolerant(self, *args):
        try:
            return operation(self, *args)
        except (self._lib.exceptions.ConnectionError, self._lib.exceptions.TimeoutError) as error:
            logger.warning("Cache unavailable, %s skipped: %s", name, error)
            return empty_answer(*args)

    tolerant.__name__ = name
    return tolerant


class _TolerantClient(RedisCacheClient):
    """RedisCacheClient whose every operation answers as an empty cache would when Redis is
    down (a ConnectionError or a TimeoutError from redis-py)."""

    def get_client(self, key=None, *, write=False):
        # Django makes a new redis.Redis for every operation, and its constructor fills in some
        # 170 response callbacks: about half a millisecond for the four reads of a queue page.
        # One client a pool serves as well; it takes its connections from the pool, and is
        # safe to share between threads.
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        if pool not in clients:
            clients[pool] = self._client(connection_pool=pool)
        return clients[pool]


for _name, _answer in _EMPTY_ANSWERS.items():
    setattr(_TolerantClient, _name, _tolerant(_name, _answer))


class TolerantRedisCache(RedisCache):
    """Django's RedisCache with _TolerantClient (see the module's docstring)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _TolerantClient
