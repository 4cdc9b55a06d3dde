"""App configuration for statistik (no models)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatistikConfig(AppConfig):
    name = "statistik"
    verbose_name = _("Statistik")
