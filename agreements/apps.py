"""App configuration for agreements."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Avtal")

    def ready(self):
        from initiatives import extensions
        from initiatives.models import Status

        from . import case_page, selectors

        extensions.next_due_sources.append(selectors.next_due_dates)
        extensions.case_page_parts.append(case_page.PART)
        extensions.case_detail_parts.append(case_page.DETAIL_PART)
        extensions.case_detail_parts.append(case_page.AMENDMENTS_PART)
        extensions.timeline_sources.append(case_page.timeline_events)
        # An agreement's report dates and end of term count while the partnership is active.
        extensions.next_due_statuses.add(Status.ACTIVE)
