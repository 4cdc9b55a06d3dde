"""PostgreSQL stopped under a running portal: 503 with Retry-After, then recovery by itself.

A throwaway PostgreSQL cluster of the test's own (on a free loopback port, with the test
database's schema copied in) serves a real gunicorn; the cluster is stopped and started again
while gunicorn keeps running.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
PG_BIN = Path(
    os.environ.get("PG_BIN")
    or sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: p.parent.name)[-1]
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(args):
    # initdb and the server refuse to run as root; the cluster then belongs to postgres.
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


class Cluster:
    """A PostgreSQL cluster in `path` on a loopback port, started and stopped at will."""

    def __init__(self, path: Path):
        self.data, self.log, self.port = path / "data", path / "pg.log", _free_port()
        path.mkdir(exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(path, "postgres")
        subprocess.run(
            _as_postgres([str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "iop",
                          "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]),
            check=True, capture_output=True,
        )  # fmt: skip
        self.url = f"postgres://iop@127.0.0.1:{self.port}/outage"

    def start(self):
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.data} -c fsync=off"
        subprocess.run(
            _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.log),
                          "-w", "-o", options, "start"]),
            check=True, capture_output=True,
        )  # fmt: skip

    def stop(self):
        subprocess.run(
            _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w",
                          "stop"]),
            check=False, capture_output=True,
        )  # fmt: skip


def _schema_of_the_test_database() -> str:
    settings = connection.settings_dict
    return subprocess.run(
        [str(PG_BIN / "pg_dump"), "--schema-only", "--no-owner", "-h", settings["HOST"],
         "-p", str(settings["PORT"]), "-U", settings["USER"], settings["NAME"]],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback)
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture
def portal_on_its_own_database(db, django_db_blocker):
    with django_db_blocker.unblock():
        schema = _schema_of_the_test_database()
    assert "accounts_forvaltning" in schema, (connection.settings_dict["NAME"], schema[:2000])
    # Not under pytest's tmp_path: the postgres user must be able to reach the directory.
    work = Path(tempfile.mkdtemp(prefix="iop-outage-"))
    work.chmod(0o755)
    cluster = Cluster(work / "pg")
    cluster.start()
    port = _free_port()
    server = None
    try:
        psql = [str(PG_BIN / "psql"), "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "iop"]
        subprocess.run([*psql, "-c", "CREATE DATABASE outage", "postgres"], check=True,
                       capture_output=True)  # fmt: skip
        subprocess.run([*psql, "-v", "ON_ERROR_STOP=1", "-q", "outage"], input=schema,
                       text=True, check=True, capture_output=True)  # fmt: skip
        env = {
            **os.environ,
            "DATABASE_URL": cluster.url,
            "DEBUG": "false",
            # Kept connections, as in production: the one lost in the restart must be replaced.
            "CONN_MAX_AGE": "60",
        }
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "iop_portal.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", "1", "--timeout", "30"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
            stderr=open(work / "gunicorn.log", "w"),  # noqa: SIM115 (open while it runs)
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                _get(base + "/partnerskap/")
                break
            except OSError:
                time.sleep(0.1)
        yield base, cluster, work / "gunicorn.log"
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        cluster.stop()
        shutil.rmtree(work, ignore_errors=True)


def test_a_stopped_database_answers_503_with_retry_after_and_the_portal_recovers(
    portal_on_its_own_database,
):
    base, cluster, log = portal_on_its_own_database
    status, _headers, _body = _get(base + "/partnerskap/")
    assert status == 200, log.read_text()[-3000:]

    cluster.stop()
    status, headers, body = _get(base + "/partnerskap/")
    assert status == 503
    assert int(headers["Retry-After"]) > 0
    assert "tillfälligt otillgänglig" in body

    cluster.start()
    status, _headers, _body = _get(base + "/partnerskap/")
    assert status == 200
