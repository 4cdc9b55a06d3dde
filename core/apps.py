"""App configuration for core, the shared helpers (template tags, admin bases, mail outbox)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    # The outbox is its only model; the admin shows the app under this name.
    verbose_name = _("E-post")

    def ready(self):
        # Not in core/admin.py: the admin site's module imports that before the models load.
        from . import admin_outbox  # noqa: F401
