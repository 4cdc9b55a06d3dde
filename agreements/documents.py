"""The agreement document, as HTML for the pages and as PDF."""

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.pdf import html_to_pdf
from initiatives.models import Status

from . import drafting
from .models import Agreement, AgreementVersion, ClauseKind, InKind, Party

FINAL_STATUSES = {Status.SIGNING, Status.ACTIVE, Status.CLOSED, Status.TERMINATED}


def agreement_context(*, agreement: Agreement, version: AgreementVersion | None = None) -> dict:
    """The agreement document as of `version`, or as the draft stands now; fixed query count."""
    agreement = (
        Agreement.objects.select_related(
            "initiative__organisation", "initiative__forvaltning__kommun"
        )
        .prefetch_related("clauses", "contributions", "report_dates", "goals", "signatures")
        .get(pk=agreement.pk)
    )
    snap = version.snapshot if version else drafting.snapshot(agreement)
    initiative = agreement.initiative
    contributions = [
        {
            **c,
            "party_label": Party(c["party"]).label,
            "in_kind_label": InKind(c["in_kind_type"]).label if c["in_kind_type"] else "",
        }
        for c in snap["contributions"]
    ]
    signatures = {s.party: s for s in agreement.signatures.all()}
    return {
        "agreement": agreement,
        "initiative": initiative,
        "organisation": initiative.organisation,
        "forvaltning": initiative.forvaltning,
        "kommun": initiative.forvaltning.kommun,
        "version": version,
        # Past the nämnd's approval the text is the agreement itself, no longer a draft.
        "final": initiative.status in FINAL_STATUSES,
        "snap": snap,
        "clauses": [
            {**c, "heading": c["heading"] or ClauseKind(c["kind"]).label} for c in snap["clauses"]
        ],
        "contributions": contributions,
        # Versions saved before goals existed have none.
        "goals": snap.get("goals", []),
        "summary": drafting.contribution_summary(snap["contributions"]),
        "parties": [
            {
                "label": initiative.forvaltning.kommun.name,
                "body": initiative.forvaltning.name,
                "name": snap["municipality_signatory"],
                "title": snap["municipality_signatory_title"],
                "signature": signatures.get(Party.MUNICIPALITY),
            },
            {
                "label": initiative.organisation.name,
                "body": _("Organisationsnummer %(n)s") % {"n": initiative.organisation.org_number},
                "name": snap["organisation_signatory"],
                "title": snap["organisation_signatory_title"],
                "signature": signatures.get(Party.ORGANISATION),
            },
        ],
        "date": timezone.localdate(),
    }


def agreement_html(
    *, agreement: Agreement, version: AgreementVersion | None = None, language: str = "sv"
) -> str:
    with translation.override(language):
        return render_to_string(
            "documents/agreement.html", agreement_context(agreement=agreement, version=version)
        )


def agreement_pdf(
    *, agreement: Agreement, version: AgreementVersion | None = None, language: str = "sv"
) -> bytes:
    return html_to_pdf(agreement_html(agreement=agreement, version=version, language=language))
