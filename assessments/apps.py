"""App configuration for assessments."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Bedömning")

    def ready(self):
        from initiatives import extensions

        from . import case_page

        extensions.case_page_parts.append(case_page.PART)
