"""App configuration for namnd."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NamndConfig(AppConfig):
    name = "namnd"
    verbose_name = _("Nämndens sammanträden")

    def ready(self):
        from decisions import extensions as decision_extensions
        from initiatives import extensions

        from . import case_page, portal, record_services

        extensions.case_page_parts.append(case_page.PART)
        extensions.timeline_sources.append(case_page.timeline_events)
        extensions.signing_notices.append(case_page.signing_notice)
        extensions.case_detail_parts.append(portal.DETAIL_PART)
        decision_extensions.utdrag_providers.append(record_services.decision_utdrag)
