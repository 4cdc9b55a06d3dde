"""App configuration for initiatives."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Initiativ och ärenden")

    def ready(self):
        # Organisations sit below the case and may not import it: the case tells them the two
        # rules about organisations that depend on cases.
        from organisations import cases

        from . import permissions, selectors

        cases.register(
            staff_organisations=permissions.staff_organisations,
            has_registered_cases=selectors.organisation_has_registered_cases,
        )
