"""App configuration for term."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TermConfig(AppConfig):
    name = "term"
    verbose_name = _("Uppföljning och rapportering")

    def ready(self):
        from initiatives import extensions

        from . import case_page, detail_page, end_page, todo

        extensions.case_page_parts.append(case_page.PART)
        extensions.case_page_parts.append(end_page.PART)
        extensions.case_detail_parts.append(case_page.DETAIL_PART)
        extensions.case_detail_parts.append(detail_page.DETAIL_PART)
        extensions.my_case_annotations.append(case_page.my_case_dates)
        extensions.dates_due_sources.append(case_page.dates_due)
        extensions.timeline_sources.append(case_page.timeline_events)
        extensions.staff_todo_sources.append(todo.reports_to_review)
