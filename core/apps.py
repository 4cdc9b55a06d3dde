"""App configuration for core, the shared helpers (template tags, admin bases, mail outbox)."""

from django.apps import AppConfig
from django.db.models import fields
from django.utils.translation import gettext_lazy as _

# Django's own empty choice ("- Select an option -") has no Swedish in Django's catalogue; the
# portal's text is Swedish and translatable like every other. Set here, when the app registry
# imports this module and before any ready(): the admin's ready() imports every admin module,
# and a form class made then reads the label once (Django documents overriding it in an app).
fields.BLANK_CHOICE_LABEL = _("– Välj ett alternativ –")


class CoreConfig(AppConfig):
    name = "core"
    # The outbox is its only model; the admin shows the app under this name.
    verbose_name = _("E-post")

    def ready(self):
        # Not in core/admin.py: the admin site's module imports that before the models load.
        from . import admin_links, admin_outbox  # noqa: F401

        admin_links.install()
