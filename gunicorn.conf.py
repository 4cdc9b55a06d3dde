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
# Load the portal once in the master and fork the workers from it, warmed up (when_ready below):
# a worker started or replaced then answers its first request as fast as its thousandth, and the
# workers share the loaded code's memory. GUNICORN_PRELOAD=0 loads it in each worker instead,
# which then warms itself before it takes a request.
preload_app = os.environ.get("GUNICORN_PRELOAD", "1").lower() not in {"0", "false", "no"}
errorlog = "-"


def when_ready(server):
    if server.cfg.preload_app:
        _warm_up(server.log, "master")


def post_worker_init(worker):
    if not worker.cfg.preload_app:
        _warm_up(worker.log, f"worker {worker.pid}")


def _warm_up(log, who):
    """The URLconf, templates and catalogues loaded before anyone waits (iop_portal.warmup)."""
    from iop_portal.warmup import warm_up

    done = warm_up()
    log.info("%s warmed up: %s templates in %s s", who, done["templates"], done["seconds"])
