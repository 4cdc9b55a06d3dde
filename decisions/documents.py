"""The protokollsutdrag rendered as PDF (the tjänsteutlåtande: tjansteutlatande_documents)."""

from django.template.loader import render_to_string
from django.utils import translation

from core.pdf import html_to_pdf

from .models import Decision


def protokollsutdrag_context(*, decision: Decision) -> dict:
    """The decision and its case, read in one query (shared by the PDF and the DOCX)."""
    decision = Decision.objects.select_related(
        "namnd", "initiative__organisation", "initiative__forvaltning", "initiative__assessment"
    ).get(pk=decision.pk)
    return {"decision": decision, "initiative": decision.initiative}


def protokollsutdrag_pdf(*, decision: Decision, language: str = "sv") -> bytes:
    with translation.override(language):
        html = render_to_string(
            "documents/protokollsutdrag.html", protokollsutdrag_context(decision=decision)
        )
    return html_to_pdf(html)
