"""App configuration for decisions."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "decisions"
    verbose_name = _("Nämndens beslut")

    def ready(self):
        from initiatives import extensions

        from . import case_page

        extensions.case_page_parts.append(case_page.PART)
        extensions.timeline_sources.append(case_page.timeline_events)
