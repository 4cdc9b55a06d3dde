"""App configuration for reminders."""

from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    name = "reminders"
    verbose_name = _("Påminnelser")

    def ready(self):
        from accounts.models import Forvaltning

        from . import services

        # A new förvaltning starts with the default rules, as the existing ones got them in
        # migration 0002; its staff change them in the admin.
        post_save.connect(
            services.rules_seed_on_create, sender=Forvaltning, dispatch_uid="reminders_seed"
        )
