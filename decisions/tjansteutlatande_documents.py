"""The tjänsteutlåtande rendered from its authored text: one context for the PDF and the DOCX.

The document shows what the writer wrote, laid out by the förvaltning's template; nothing is read
from the live case, so the stored PDF of an upprättat version is reproducible from its rows.
"""

from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.docx import Points, Section, Text, WordDocument, build_docx
from core.pdf import html_to_pdf

from .models import Tjansteutlatande, Undertecknare
from .models.tjansteutlatande import TEXT_SECTIONS

# Word wants a region with the language for its proofing tools.
WORD_LANGUAGES = {"sv": "sv-SE", "en": "en-GB"}
LIST_SECTIONS = ("beslutsunderlag",)


@dataclass
class Part:
    """One section of the document as laid out: a heading and what follows it."""

    kind: str  # "text", "points" (numbered), "list" (bullets), "signatures", "bilagor"
    heading: str = ""
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    level: int = 2


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in (text or "").replace("\r\n", "\n").split("\n\n") if p.strip()]


def signatories(tu: Tjansteutlatande) -> list[tuple[str, str]]:
    """Who signs: those who approved; before that, who is set to approve (a preview)."""
    approved = [(a.name, a.titel) for a in tu.godkannanden.all()]
    if approved:
        return approved
    configured = Undertecknare.objects.filter(
        forvaltning_id=tu.initiative.forvaltning_id
    ).select_related("user")
    order = {Undertecknare.Roll.CHEF: 0, Undertecknare.Roll.ANDRA: 1}
    return [
        (u.user.get_full_name() or u.user.get_username(), u.titel)
        for u in sorted(configured, key=lambda u: order[u.roll])
    ]


def tjansteutlatande_context(*, tjansteutlatande: Tjansteutlatande) -> dict:
    """The document's header and its parts in the template's order (shared by PDF and DOCX)."""
    tu = (
        Tjansteutlatande.objects.select_related("mall", "initiative", "replaces")
        .prefetch_related("bilagor", "avsnitt", "godkannanden")
        .get(pk=tjansteutlatande.pk)
    )
    extra = {}
    for avsnitt in tu.avsnitt.all():
        extra.setdefault(avsnitt.after, []).append(avsnitt)
    keys = [key for key, _heading in tu.mall.sections]
    parts = []
    for key, heading in tu.mall.sections:
        if key == "forslag_till_beslut":
            parts.append(Part("points", heading, items=tu.forslag_till_beslut_points))
        elif key == "signatures":
            parts.append(Part("signatures", items=signatories(tu)))
        elif key == "bilagor":
            items = [
                f"{b.title}, {_('Dnr')} {b.dnr}" if b.dnr else b.title for b in tu.bilagor.all()
            ]
            if items:
                parts.append(Part("bilagor", heading, items=items))
        elif key in LIST_SECTIONS:
            items = tu.beslutsunderlag_lines
            if items:
                parts.append(Part("list", heading, items=items))
        elif key in TEXT_SECTIONS and getattr(tu, key).strip():
            parts.append(Part("text", heading, paragraphs=_paragraphs(getattr(tu, key))))
        parts.extend(
            Part("text", a.heading, paragraphs=_paragraphs(a.text)) for a in extra.pop(key, [])
        )
    # Extra sections placed after a section this template leaves out go before the bilagor.
    rest = [a for after in extra.values() for a in after]
    at = keys.index("bilagor") if "bilagor" in keys else len(parts)
    at = min(at, len(parts))
    for avsnitt in rest:
        parts.insert(at, Part("text", avsnitt.heading, paragraphs=_paragraphs(avsnitt.text)))
        at += 1
    if tu.fotnot_lines:
        parts.append(Part("points", _("Noter"), items=tu.fotnot_lines, level=3))
    return {
        "tu": tu,
        "preview": tu.upprattad_on is None,
        "date": tu.upprattad_on or timezone.localdate(),
        "parts": parts,
    }


def tjansteutlatande_html(*, tjansteutlatande: Tjansteutlatande, language: str = "sv") -> str:
    with translation.override(language):
        return render_to_string(
            "decisions/tjansteutlatande.html",
            tjansteutlatande_context(tjansteutlatande=tjansteutlatande),
        )


def tjansteutlatande_pdf(*, tjansteutlatande: Tjansteutlatande, language: str = "sv") -> bytes:
    """Render the version as an archival PDF: the preview of a draft, or (once, by the service)
    the stored copy of an upprättat one. Read an upprättat one's stored file, not this."""
    return html_to_pdf(tjansteutlatande_html(tjansteutlatande=tjansteutlatande, language=language))


def tjansteutlatande_docx(*, tjansteutlatande: Tjansteutlatande, language: str = "sv") -> bytes:
    """The same document as DOCX, to finish a text in Word: real headings, numbered points."""
    with translation.override(language):
        c = tjansteutlatande_context(tjansteutlatande=tjansteutlatande)
        tu = c["tu"]
        handlaggare = tu.handlaggare_name or _("Ej tilldelad")
        if tu.handlaggare_phone:
            handlaggare += f", {_('Telefon')}: {tu.handlaggare_phone}"
        sections = []
        if tu.replaces_id:
            sections.append(Section(_("Rättelse"), [Text(correction_note(tu))]))
        for part in c["parts"]:
            if part.kind == "signatures":
                text = "\n".join(f"{name}, {title}" for name, title in part.items)
                if sections and text:
                    sections[-1].blocks.append(Text(text))
                continue
            if part.kind == "text":
                blocks = [Text(p) for p in part.paragraphs]
            else:
                blocks = [Points(part.items, numbered=part.kind != "list")]
            sections.append(Section(part.heading, blocks, level=part.level))
        return build_docx(
            WordDocument(
                title=tu.title,
                language=WORD_LANGUAGES.get(language, language),
                author=tu.forvaltning_name,
                running_header=tu.forvaltning_name,
                details=[
                    (tu.forvaltning_name, _("Tjänsteutlåtande")),
                    (_("Handläggare"), handlaggare),
                    (_("Dnr"), tu.dnr),
                    (_("Datum"), c["date"].isoformat()),
                    (_("Till"), tu.till),
                ],
                sections=sections,
            )
        )


def correction_note(tu: Tjansteutlatande) -> str:
    replaced = tu.replaces
    return _(
        "Detta tjänsteutlåtande (version %(version)s) ersätter version %(old)s, upprättad "
        "%(date)s. Rättelsen gäller: %(reason)s"
    ) % {
        "version": tu.version,
        "old": replaced.version,
        "date": replaced.upprattad_on.isoformat() if replaced.upprattad_on else "–",
        "reason": tu.rattelse,
    }
