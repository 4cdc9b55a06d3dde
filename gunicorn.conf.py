"""gunicorn's settings for the portal, read from the environment (gunicorn loads this file from
the working directory: `gunicorn iop_portal.wsgi`). See README.md, "Production settings".

Defaults suit a two-core server: five synchronous workers, since a request mostly waits on
PostgreSQL; requests that take longer than the timeout are ended and logged.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# A worker busy longer than this is killed and replaced (the request gets a 502 from the proxy).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
# Keep-alive behind a reverse proxy on the same network.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Replace a worker after this many requests (0: never); the jitter spreads the restarts.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "0"))
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
