"""Filling a template's clauses with a case's data, and finding the template a draft starts from."""

import re

from initiatives.models import Initiative

from .models import AgreementTemplate

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def case_values(*, initiative: Initiative, term_start, term_end) -> dict[str, str]:
    """The names a template clause may use in braces, with this case's values."""
    forvaltning = initiative.forvaltning
    return {
        "organisation": initiative.organisation.name,
        "forvaltning": forvaltning.name,
        "kommun": forvaltning.kommun.name,
        "namnd": forvaltning.namnd.name,
        "title": initiative.title,
        "challenge": initiative.challenge,
        "activity": initiative.activity,
        "target_group": initiative.target_group,
        "term_start": term_start.isoformat(),
        "term_end": term_end.isoformat(),
    }


def fill(text: str, values: dict[str, str]) -> str:
    """Replace {name} by its value; unknown names stay as written so nothing silently vanishes."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def template_for(initiative: Initiative) -> AgreementTemplate | None:
    """The förvaltning's own newest template, else the municipality's standard template."""
    own = AgreementTemplate.objects.filter(forvaltning_id=initiative.forvaltning_id)
    standard = AgreementTemplate.objects.filter(forvaltning__isnull=True)
    return own.order_by("-created_at", "-pk").first() or standard.order_by("pk").first()
