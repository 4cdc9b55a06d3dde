"""App configuration for term."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TermConfig(AppConfig):
    name = "term"
    verbose_name = _("Uppföljning och rapportering")
