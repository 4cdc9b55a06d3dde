"""A web worker is warmed up before it takes a request (iop_portal.warmup, gunicorn.conf.py)."""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.template import engines

from iop_portal.warmup import warm_up

from ..smtp_server import free_port

ROOT = Path(__file__).resolve().parents[2]


def _cached(name: str) -> bool:
    (loader,) = engines["django"].engine.template_loaders  # the cached loader
    return any(key.startswith(name) for key in loader.get_template_cache)


def test_warm_up_compiles_every_template_without_the_database():
    # No django_db mark: a query during the warm-up would fail this test.
    (loader,) = engines["django"].engine.template_loaders
    loader.reset()
    assert not _cached("base.html")
    done = warm_up()
    assert done["templates"] > 300
    for name in ("base.html", "registration/login.html", "admin/change_list.html"):
        assert _cached(name), name
    assert any(key.startswith("bootstrap5/") for key in loader.get_template_cache)


def test_gunicorn_forks_its_workers_from_a_warmed_up_master(tmp_path):
    port = free_port()
    log = tmp_path / "gunicorn.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "iop_portal.settings",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
    }
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "iop_portal.wsgi",
            "--log-file",
            str(log),
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(300):
            try:
                # The accessibility report's form: a page that sends no SQL.
                with urllib.request.urlopen(  # noqa: S310 - our own server on loopback
                    f"http://127.0.0.1:{port}/tillganglighet/rapportera/", timeout=5
                ) as response:
                    assert response.status == 200
                break
            except urllib.error.HTTPError:
                raise  # the server answered, wrongly: no point in waiting
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError(log.read_text())
        text = log.read_text()
        warmed = text.index("master warmed up")
        assert warmed < text.index("Booting worker"), text
    finally:
        server.terminate()
        server.wait(timeout=30)
