"""Reads of the decision stage that other pages and apps share."""

from initiatives.models import Initiative

from .models import Tjansteutlatande


def tjansteutlatande_upprattat(*, initiative: Initiative) -> Tjansteutlatande | None:
    """The case's current upprättat tjänsteutlåtande (the version no correction replaced)."""
    return (
        Tjansteutlatande.objects.filter(
            initiative=initiative, status=Tjansteutlatande.Status.UPPRATTAD
        )
        .order_by("-version")
        .first()
    )


def tjansteutlatande_current(*, initiative: Initiative) -> Tjansteutlatande | None:
    """The newest version, open or not: what the case page shows."""
    return Tjansteutlatande.objects.filter(initiative=initiative).order_by("-version").first()
