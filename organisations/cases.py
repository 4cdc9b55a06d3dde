"""What the organisation layer needs to know of cases, told by the case app when it loads.

Organisations sit below the case and may not import it, yet two rules depend on cases: staff
see the organisations of the cases they may see, and the organisationsnummer is fixed once a
registered case names it. initiatives.apps registers both answers.
"""

from django.core.exceptions import ImproperlyConfigured

_rules = {}


def register(*, staff_organisations, has_registered_cases) -> None:
    """`staff_organisations(user)` gives the queryset of organisations a staff member (not a
    superuser) sees; `has_registered_cases(organisation)` says whether a registered case is the
    organisation's."""
    _rules.update(
        staff_organisations=staff_organisations, has_registered_cases=has_registered_cases
    )


def staff_organisations(user):
    return _rule("staff_organisations")(user)


def has_registered_cases(organisation) -> bool:
    return _rule("has_registered_cases")(organisation)


def _rule(name):
    try:
        return _rules[name]
    except KeyError:
        raise ImproperlyConfigured(
            f"No case rule {name!r} registered: is initiatives installed?"
        ) from None
