"""The nämnd's meetings and their protokoll."""

from .meeting import Ledamot, Sammantrade
from .paragraf import Jav, Omrostning, Paragraf, Rost, Yrkande, Yttrande
from .protokoll import Anslag, Expediering, Justering

__all__ = [
    "Anslag",
    "Expediering",
    "Jav",
    "Justering",
    "Ledamot",
    "Omrostning",
    "Paragraf",
    "Rost",
    "Sammantrade",
    "Yrkande",
    "Yttrande",
]
