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
    "send-follow-up-reminders": {
        "task": "term.tasks.send_follow_up_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
    # Just after midnight: a report date counts towards the queue's next date until its day.
    "refresh-passed-next-due": {
        "task": "initiatives.tasks.refresh_passed_next_due",
        "schedule": crontab(hour=0, minute=5),
    },
}
