"""Real Celery workers and beat schedulers as child processes, against the test database and
Redis, with the outbox's clocks turned down to seconds."""

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.db import connection

BASE_DIR = Path(__file__).resolve().parents[2]  # the settings' BASE_DIR, without reading them
FAST_OUTBOX = {
    "IOP_OUTBOX_RETRY_SECONDS": "1",
    "IOP_OUTBOX_LEASE_SECONDS": "3",
    "IOP_OUTBOX_SWEEP_SECONDS": "1",
    "IOP_OUTBOX_MAX_ATTEMPTS": "30",
}


def database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def smtp_env(port: int) -> dict:
    return {"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(port), "EMAIL_USE_TLS": "false"}


def _env(extra: dict) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "iop_portal.settings",
        **FAST_OUTBOX,
    }
    env.pop("EMAIL_HOST", None)
    return env | extra


def _celery(*args, env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "iop_portal", *args, "--loglevel=WARNING"],
        cwd=BASE_DIR,
        env=_env(env),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def worker(name: str, env: dict) -> subprocess.Popen:
    return _celery(
        "worker",
        "--pool=solo",
        f"--hostname={name}@%h",
        "--without-gossip",
        "--without-mingle",
        env=env,
    )


def beat(schedule_dir: Path, env: dict) -> subprocess.Popen:
    return _celery("beat", f"--schedule={schedule_dir / 'beat-schedule'}", env=env)


def stop(process: subprocess.Popen, sig=signal.SIGTERM) -> None:
    if process.poll() is None:
        process.send_signal(sig)
    try:
        output, _ = process.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
    # Shown by pytest only when the test fails.
    print(output.decode(errors="replace"))


@contextlib.contextmanager
def running(*processes: subprocess.Popen):
    try:
        yield processes
    finally:
        for process in processes:
            stop(process)


def wait_until(condition, timeout: float = 60.0, step: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step)
    raise AssertionError(f"not within {timeout} s: {condition.__doc__ or condition}")
