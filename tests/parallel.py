"""Under pytest-xdist (make test runs two workers), each worker's own Redis databases.

Loaded with -p before Django reads its settings, so that the settings, and the Celery workers
and other processes a test starts (they inherit the environment), see the worker's databases:
broker 2n and cache 2n + 1 for worker gwN. The test databases get their _gwN suffix from
pytest-django; the broker's queues and the cache would otherwise be shared, and one worker's
cache.clear() or reminder sweep would reach into the other's tests.
"""

import os

_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _worker.startswith("gw") and os.environ.get("REDIS_URL", "").startswith("redis://"):
    _n = int(_worker.removeprefix("gw"))
    _server = os.environ["REDIS_URL"].rsplit("/", 1)[0]
    os.environ["REDIS_URL"] = f"{_server}/{2 * _n}"
    os.environ["CACHE_URL"] = f"{_server}/{2 * _n + 1}"
