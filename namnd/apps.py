"""App configuration for namnd."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NamndConfig(AppConfig):
    name = "namnd"
    verbose_name = _("Nämndens sammanträden")
