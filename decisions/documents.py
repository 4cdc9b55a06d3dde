"""The decision documents (tjänsteutlåtande, protokollsutdrag) rendered as PDF."""

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from agreements.models import Agreement, Party
from assessments.models import Assessment
from core.pdf import html_to_pdf
from initiatives.models import Initiative

from .models import Decision


def _contribution_totals(agreement: Agreement | None) -> dict:
    totals = {Party.MUNICIPALITY: 0, Party.ORGANISATION: 0}
    if agreement is None:
        return totals
    for c in agreement.contributions.all():
        totals[c.party] += c.amount_sek + c.in_kind_value_sek
    return totals


def tjansteutlatande_context(*, initiative: Initiative) -> dict:
    """Everything the tjänsteutlåtande shows, read in a fixed number of queries.

    Raise ValidationError, in Swedish, for a case that has no assessment: the document states
    the förvaltning's assessment and proposal, so without one there is nothing to write.
    """
    initiative = Initiative.objects.select_related(
        "organisation", "forvaltning__namnd", "handlaggare"
    ).get(pk=initiative.pk)
    assessment = (
        Assessment.objects.filter(initiative=initiative)
        .select_related("criteria_set")
        .prefetch_related("answers__criterion")
        .first()
    )
    if assessment is None:
        raise ValidationError(
            _(
                "Tjänsteutlåtandet bygger på förvaltningens bedömning, och ärendet har ingen "
                "ännu. Påbörja bedömningen först."
            ),
            code="no_assessment",
        )
    agreement = (
        Agreement.objects.filter(initiative=initiative)
        .prefetch_related("contributions", "report_dates")
        .first()
    )
    namnd = initiative.forvaltning.namnd
    organisation = initiative.organisation
    proposals = []
    if agreement:
        proposals.append(
            _(
                "%(namnd)s godkänner förslaget till avtal om idéburet offentligt partnerskap med "
                "%(org)s om %(title)s för perioden %(start)s–%(end)s."
            )
            % {
                "namnd": namnd.name,
                "org": organisation.name,
                "title": initiative.title,
                "start": agreement.term_start.isoformat(),
                "end": agreement.term_end.isoformat(),
            }
        )
        proposals.append(_("Ärendet justeras omedelbart."))
    else:
        proposals.append(
            _("%(namnd)s godkänner förvaltningens bedömning av initiativet från %(org)s.")
            % {"namnd": namnd.name, "org": organisation.name}
        )
    return {
        "initiative": initiative,
        "organisation": organisation,
        "forvaltning": initiative.forvaltning,
        "namnd": namnd,
        "handlaggare": initiative.handlaggare,
        "assessment": assessment,
        "agreement": agreement,
        "totals": _contribution_totals(agreement),
        "proposals": proposals,
        "date": timezone.localdate(),
        "attachments": [
            _("Förslag till avtal om idéburet offentligt partnerskap, %(org)s")
            % {"org": organisation.name},
            _("Initiativ från %(org)s, inkommet %(date)s")
            % {"org": organisation.name, "date": timezone.localdate(initiative.submitted_at)},
        ]
        if agreement
        else [
            _("Initiativ från %(org)s, inkommet %(date)s")
            % {"org": organisation.name, "date": timezone.localdate(initiative.submitted_at)}
        ],
    }


def tjansteutlatande_html(*, initiative: Initiative, language: str = "sv") -> str:
    with translation.override(language):
        return render_to_string(
            "documents/tjansteutlatande.html", tjansteutlatande_context(initiative=initiative)
        )


def tjansteutlatande_pdf(*, initiative: Initiative, language: str = "sv") -> bytes:
    return html_to_pdf(tjansteutlatande_html(initiative=initiative, language=language))


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
