"""`make load`: the portal under people's load, on this machine, with real servers.

Against PostgreSQL and Redis on loopback (scripts/with-test-services), with the demo and
LOAD_CASES cases (bench/load/prepare.py), it starts gunicorn (iop_portal.wsgi with
gunicorn.conf.py: WEB_CONCURRENCY workers, GUNICORN_TIMEOUT), a Celery worker and Celery beat,
then runs locust headless (bench/load/locustfile.py) three times:

1. the mixed scenario: LOAD_USERS (50) people waiting 1–5 s between steps for LOAD_TIME (90 s);
   it prints p50/p95/p99 and errors per endpoint and ends with
   `load: N requests, E errors, p95 P ms`;
2. a step-up without waits (1, 2, 4, … users, LOAD_STEP_TIME each) that prints the highest
   request rate at which p95 stays within 300 ms: the capacity of this machine;
3. more requests without waits until the web workers have served 10 000 in all, then their
   memory (RSS), beside what it was after the first phase.

Locust runs on the same two cores as the portal, so the capacity it finds is a lower bound.
The portal runs with DEBUG off and kept database connections (CONN_MAX_AGE=60), in the
development environment otherwise (mail to files under var/, plain http on loopback).
"""

import csv
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
OUT = ROOT / "var" / "load"
LOCUSTFILE = Path(__file__).with_name("locustfile.py")
P95_LIMIT_MS = 300
TOTAL_REQUESTS = int(os.environ.get("LOAD_TOTAL_REQUESTS", "10000"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _locust(base: str, name: str, *, users: int, seconds: int, no_wait: bool) -> dict:
    """Run locust headless; return its stats rows by (method, endpoint) and "Aggregated"."""
    env = {**os.environ, "LOAD_NO_WAIT": "1" if no_wait else ""}
    prefix = OUT / name
    with open(OUT / f"{name}.log", "w") as log:
        subprocess.run(
            [str(BIN / "locust"), "-f", str(LOCUSTFILE), "--headless", "-H", base,
             "-u", str(users), "-r", str(max(1, min(users, 10))), "-t", f"{seconds}s",
             "--stop-timeout", "10", "--csv", str(prefix), "--only-summary",
             "--loglevel", "ERROR"],
            env=env, check=False, stdout=subprocess.DEVNULL, stderr=log,
        )  # fmt: skip
    with open(f"{prefix}_stats.csv", newline="") as f:
        # By method and name: a step's GET and its POST share the name.
        return {
            "Aggregated" if row["Name"] == "Aggregated" else (row["Type"], row["Name"]): row
            for row in csv.DictReader(f)
        }


def _requests(row) -> int:
    return int(row["Request Count"])


def _print_table(stats: dict) -> None:
    print(f"   {'endpoint':<52} {'requests':>8} {'errors':>6} {'p50':>6} {'p95':>6} {'p99':>6} ms")
    for key, row in sorted(
        stats.items(), key=lambda item: (item[0] == "Aggregated", item[0][::-1])
    ):
        label = "all" if key == "Aggregated" else f"{row['Type']} {row['Name']}"
        print(
            f"   {label[:52]:<52} {row['Request Count']:>8} {row['Failure Count']:>6} "
            f"{row['50%']:>6} {row['95%']:>6} {row['99%']:>6}"
        )


def _web_rss_mb(master: psutil.Process) -> list[float]:
    return [round(p.memory_info().rss / 2**20, 1) for p in master.children()]


def _start(command: list[str], env: dict, log: str) -> subprocess.Popen:
    # The log stays open for the process's life; it is closed when the run ends.
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=open(OUT / log, "w"),  # noqa: SIM115
        stderr=subprocess.STDOUT,
    )


def main() -> int:
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    subprocess.run([sys.executable, str(Path(__file__).with_name("prepare.py"))], check=True)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DEBUG": "false",
        "CONN_MAX_AGE": os.environ.get("CONN_MAX_AGE", "60"),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", "5"),
        "GUNICORN_TIMEOUT": os.environ.get("GUNICORN_TIMEOUT", "30"),
    }
    processes = [
        _start([str(BIN / "gunicorn"), "iop_portal.wsgi"], env, "gunicorn.log"),
        _start(
            [
                str(BIN / "celery"),
                "-A",
                "iop_portal",
                "worker",
                "--concurrency=1",
                "--loglevel=WARNING",
            ],
            env,
            "worker.log",
        ),  # fmt: skip
        _start(
            [
                str(BIN / "celery"),
                "-A",
                "iop_portal",
                "beat",
                "--loglevel=WARNING",
                "--schedule",
                str(OUT / "celerybeat-schedule"),
            ],
            env,
            "beat.log",
        ),  # fmt: skip
    ]
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/partnerskap/", timeout=5)  # noqa: S310
                break
            except OSError:
                time.sleep(0.1)
        master = psutil.Process(processes[0].pid)
        workers = env["WEB_CONCURRENCY"]
        users = int(os.environ.get("LOAD_USERS", "50"))
        seconds = int(os.environ.get("LOAD_TIME", "90"))
        print(f"load: gunicorn with {workers} workers on {base}, a Celery worker and beat")

        print(f"== mixed: {users} users waiting 1–5 s between steps, {seconds} s")
        mixed = _locust(base, "mixed", users=users, seconds=seconds, no_wait=False)
        _print_table(mixed)
        rss_first = _web_rss_mb(master)
        total = mixed["Aggregated"]
        served = _requests(total)
        print(
            f"load: {total['Request Count']} requests, {total['Failure Count']} errors, "
            f"p95 {total['95%']} ms"
        )

        step_seconds = int(os.environ.get("LOAD_STEP_TIME", "20"))
        print(f"== step-up without waits, {step_seconds} s a step")
        best = None
        for step_users in (1, 2, 4, 8, 16, 32):
            stats = _locust(
                base, f"step-{step_users}", users=step_users, seconds=step_seconds, no_wait=True
            )["Aggregated"]
            served += _requests(stats)
            rate, p95 = float(stats["Requests/s"]), int(float(stats["95%"]))
            print(
                f"   {step_users:>3} users: {rate:7.1f} requests/s, p95 {p95:>5} ms, "
                f"{stats['Failure Count']} errors"
            )
            if p95 > P95_LIMIT_MS:
                break
            best = max(best or (0, 0), (rate, step_users))
        if best:
            print(
                f"capacity: {best[0]:.1f} requests/s with p95 within {P95_LIMIT_MS} ms "
                f"({best[1]} users without waits)"
            )
        else:
            print(f"capacity: p95 above {P95_LIMIT_MS} ms even for one user without waits")

        # Until the workers have served TOTAL_REQUESTS in all, in rounds, at most 10 minutes.
        soak_users = best[1] if best else 1
        deadline = time.monotonic() + 600
        round_number = 0
        while served < TOTAL_REQUESTS and time.monotonic() < deadline:
            round_number += 1
            seconds = min(120, int(deadline - time.monotonic()))
            print(f"== {TOTAL_REQUESTS - served} more requests without waits ({seconds} s at most)")
            stats = _locust(
                base, f"soak-{round_number}", users=soak_users, seconds=seconds, no_wait=True
            )
            served += _requests(stats["Aggregated"])
        print(
            f"memory: web workers' RSS {rss_first} MB after the mixed run, "
            f"{_web_rss_mb(master)} MB after {served} requests"
        )
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
