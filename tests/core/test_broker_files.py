"""The development broker (kombu's filesystem transport) keeps every file it writes under var/."""

import os
import subprocess
import sys

from django.conf import settings

PROBE = """
import django, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iop_portal.settings")
django.setup()
from kombu import Exchange, Queue
from iop_portal.celery import app
for key in ("data_folder_in", "processed_folder"):
    os.makedirs(app.conf.broker_transport_options[key], exist_ok=True)  # as make run does
os.makedirs(os.path.dirname(app.conf.broker_transport_options["control_folder"]), exist_ok=True)
with app.connection_for_write() as connection:
    queue = Queue("iop-probe", Exchange("iop-probe"), routing_key="iop-probe")
    queue(connection.default_channel).declare()
    print(connection.transport_options["control_folder"])
"""


def test_filesystem_broker_writes_its_exchange_table_under_var(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"REDIS_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "DATABASE_URL"}
    }
    env["PYTHONPATH"] = str(settings.BASE_DIR)
    # Run from an empty directory: kombu's default would create ./control there.
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    control = result.stdout.strip().splitlines()[-1]
    assert control == str(settings.BASE_DIR / "var" / "broker" / "control")
    assert os.path.exists(os.path.join(control, "iop-probe.exchange"))
    assert list(tmp_path.iterdir()) == []
