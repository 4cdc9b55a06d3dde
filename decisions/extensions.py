"""Hooks the decision stage owns, through which later stages serve its documents without being
imported (the nämnd's meetings are a later stage: namnd registers here in its AppConfig.ready).
"""

from collections.abc import Callable

from .documents import protokollsutdrag_pdf
from .documents_docx import protokollsutdrag_docx
from .models import Decision

# Each provider is called with (decision=, fmt="pdf"|"docx") and returns the decision's
# protokollsutdrag as bytes, or None when it has none for that decision (a decision recorded
# before meetings were kept in the portal). The first answer wins.
utdrag_providers: list[Callable[..., bytes | None]] = []


def protokollsutdrag_document(*, decision: Decision, fmt: str = "pdf") -> bytes:
    """Return the decision's protokollsutdrag to hand out: a later stage's (the nämnd's stored
    record of a justerad §) when one answers, else the decision's own one-page utdrag."""
    for provider in utdrag_providers:
        content = provider(decision=decision, fmt=fmt)
        if content is not None:
            return content
    if fmt == "docx":
        return protokollsutdrag_docx(decision=decision)
    return protokollsutdrag_pdf(decision=decision)
