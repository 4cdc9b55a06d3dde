"""The nämnd's decisions and the förvaltning's tjänsteutlåtande that prepares them."""

from .decision import Decision
from .tjansteutlatande import (
    Tjansteutlatande,
    TjansteutlatandeAvsnitt,
    TjansteutlatandeBilaga,
    TjansteutlatandeGodkannande,
    TjansteutlatandeMall,
    Undertecknare,
)

__all__ = [
    "Decision",
    "Tjansteutlatande",
    "TjansteutlatandeAvsnitt",
    "TjansteutlatandeBilaga",
    "TjansteutlatandeGodkannande",
    "TjansteutlatandeMall",
    "Undertecknare",
]
