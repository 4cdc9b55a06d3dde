"""The kvittens: a PDF of exactly what an organisation submitted, from the history at submission."""

from django.template.loader import render_to_string
from django.utils import timezone

from core.pdf import html_to_pdf
from core.templatetags.iop_format import format_kronor

from .models import Initiative
from .wizard import STEPS


def initiative_field(initiative, name: str) -> dict:
    """A draft field as a person reads it: its label and its value as text ('' when empty)."""
    field = Initiative._meta.get_field(name)
    value = getattr(initiative, name)
    if name == "forvaltning":
        value = value.name if value else None
    if value is None:
        text = ""
    elif name == "requested_amount_per_year":
        text = format_kronor(value)
    elif hasattr(value, "isoformat"):
        text = value.isoformat()
    else:
        text = str(value)
    return {"name": name, "label": field.verbose_name, "value": text}


def submitted_version(initiative: Initiative):
    """The case as it was when submitted: the first history record that has a submission time.

    Later edits by staff (or by anyone) do not change what the kvittens shows.
    """
    return (
        initiative.history.filter(submitted_at__isnull=False)
        .select_related("forvaltning", "organisation")
        .order_by("history_date", "history_id")
        .first()
    )


def receipt_context(*, initiative: Initiative) -> dict:
    submitted = submitted_version(initiative)
    attachments = initiative.attachments.filter(uploaded_at__lte=submitted.submitted_at)
    return {
        "initiative": submitted,
        "organisation": submitted.organisation,
        "forvaltning": submitted.forvaltning,
        "received_at": timezone.localtime(submitted.submitted_at),
        "sections": [
            (step, [initiative_field(submitted, name) for name in step.fields])
            for step in STEPS
            if step.fields
        ],
        "attachments": list(attachments),
    }


def receipt_pdf(*, initiative: Initiative) -> bytes:
    return html_to_pdf(
        render_to_string("documents/kvittens.html", receipt_context(initiative=initiative))
    )
