"""The Celery app: configuration from Django settings, tasks from the apps, the beat schedule."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iop_portal.settings")

app = Celery("iop_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The whole beat schedule, in one place.
app.conf.beat_schedule = {
    "send-reminders": {
        "task": "reminders.tasks.send_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
    # Monday morning, after the reminders: each handläggare's week.
    "send-weekly-digest": {
        "task": "reminders.tasks.send_weekly_digest",
        "schedule": crontab(hour=7, minute=30, day_of_week=1),
    },
    # The outbox's pick-up: mails whose send task never reached the broker, and retries. Read
    # from the environment like the settings, since the schedule is built before they load.
    "send-pending-mail": {
        "task": "core.tasks.send_pending_mail",
        "schedule": float(os.environ.get("IOP_OUTBOX_SWEEP_SECONDS", "60")),
    },
    # Just after midnight: a report date counts towards the queue's next date until its day.
    "refresh-passed-next-due": {
        "task": "initiatives.tasks.refresh_passed_next_due",
        "schedule": crontab(hour=0, minute=5),
    },
}
