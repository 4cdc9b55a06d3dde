"""The nämnd's meetings and their protokoll."""

from .meeting import Ledamot, Sammantrade
from .paragraf import Jav, Omrostning, Paragraf, Rost, Yrkande, Yttrande
from .protokoll import Anslag, Expediering, Justering
from .records import ExportJob, StoredDocument

__all__ = [
    "Anslag",
    "Expediering",
    "ExportJob",
    "Jav",
    "Justering",
    "Ledamot",
    "Omrostning",
    "Paragraf",
    "Rost",
    "Sammantrade",
    "StoredDocument",
    "Yrkande",
    "Yttrande",
]
