"""The protokollsutdrag as a Word document, to finish in Word (the tjänsteutlåtande's DOCX:
decisions.tjansteutlatande_documents).

The same data as the PDFs (decisions.documents' contexts), outlined section by section for
core.docx; the message ids are the templates' own, so both formats translate alike.
"""

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.docx import Points, Section, Text, WordDocument, build_docx
from core.templatetags.iop_format import genitive

from .documents import protokollsutdrag_context
from .models import Decision

# Word wants a region with the language for its proofing tools; the portal's languages are these.
WORD_LANGUAGES = {"sv": "sv-SE", "en": "en-GB"}


def _iso(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "tzinfo"):
        value = timezone.localdate(value)
    return value.isoformat()


def protokollsutdrag_docx(*, decision: Decision, language: str = "sv") -> bytes:
    """The protokollsutdrag as DOCX, with the headings and numbered decision of the PDF."""
    with translation.override(language):
        c = protokollsutdrag_context(decision=decision)
        decision, initiative = c["decision"], c["initiative"]
        namnd = decision.namnd.name
        points = [decision.decision_text]
        if decision.adjusted_immediately:
            points.append(
                _("%(namnd)s beslutade justera paragrafen omedelbart.") % {"namnd": namnd}
            )
        assessment = getattr(initiative, "assessment", None)  # None: no assessment was begun
        matter = [
            Text((assessment.summary if assessment else "") or initiative.challenge),
            Text(
                _("%(forvaltning)s har redovisat ärendet i ett tjänsteutlåtande.")
                % {"forvaltning": initiative.forvaltning.name}
            ),
        ]
        sections = [
            Section(_("%(namnd)s beslut") % {"namnd": genitive(namnd)}, [Points(points)]),
            Section(_("Ärendet"), matter),
        ]
        if decision.decision_process:
            sections.append(Section(_("Beslutsgång"), [Text(decision.decision_process)]))
        if decision.adjusted_immediately:
            sections[-1].blocks.append(Text(_("Paragrafen justerades omedelbart.")))
        title = _("Idéburet offentligt partnerskap med %(org)s") % {
            "org": initiative.organisation.name
        }
        return build_docx(
            WordDocument(
                title=f"§ {decision.paragraph} {title}",
                subtitle=initiative.title,
                language=WORD_LANGUAGES.get(language, language),
                author=namnd,
                running_header=namnd,
                details=[
                    (namnd, _("Protokollsutdrag")),
                    (_("Sammanträdesdatum"), _iso(decision.meeting_date)),
                    (_("Dnr"), initiative.diarienummer),
                ],
                sections=sections,
            )
        )
