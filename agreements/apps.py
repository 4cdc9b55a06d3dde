"""App configuration for agreements."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Avtal")

    def ready(self):
        from initiatives import extensions
        from initiatives.models import Status

        from . import selectors

        extensions.next_due_sources.append(selectors.next_due_dates)
        # An agreement's report dates and end of term count while the partnership is active.
        extensions.next_due_statuses.add(Status.ACTIVE)
