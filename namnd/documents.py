"""The meeting's documents as archival PDFs: kallelse (with the tjänsteutlåtanden as bilagor),
protokoll and protokollsutdrag.

The contexts are shared with the DOCX (namnd.documents_docx). A justerat protokoll and its
utdrag are records: namnd.records stores them once; these functions render from the data.
"""

import datetime
import re
from dataclasses import dataclass

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from core.pdf import html_to_pdf
from core.pdf_merge import merge_pdfs
from decisions import selectors as decision_selectors

from .appeal import appeal_last_day
from .models import Anslag, Justering, Ledamot, Paragraf, Sammantrade, Yttrande

# A point typed as "1. …" or "2) …" is numbered by the document, not twice ("1. 1.").
_TYPED_NUMBER = re.compile(r"^\s*\d+\s*[.)]\s*")


def clean_points(points) -> list[str]:
    """The decision's points without numbers the secretary typed, and without empty ones."""
    cleaned = (_TYPED_NUMBER.sub("", str(p)).strip() for p in points or [])
    return [p for p in cleaned if p]


def member_label(ledamot: Ledamot) -> str:
    return f"{ledamot.name} ({ledamot.party})" if ledamot.party else ledamot.name


def names_with_party(ledamoter) -> str:
    """ "A (S), B (M) och C (V)", as the seeds name those behind a yttrande."""
    labels = [member_label(m) for m in ledamoter]
    if len(labels) <= 1:
        return "".join(labels)
    return _("%(first)s och %(last)s") % {"first": ", ".join(labels[:-1]), "last": labels[-1]}


def _user_name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


@dataclass
class Signing:
    """The justering as printed: who confirmed, in which role, on which day."""

    name: str
    role: str
    confirmed_on: datetime.date | None


def _paragraf_queryset():
    return Paragraf.objects.select_related(
        "initiative__organisation", "initiative__forvaltning", "initiative__handlaggare"
    ).prefetch_related(
        "yrkanden__ledamot",
        "omrostning__roster__ledamot",
        Prefetch("yttranden", queryset=Yttrande.objects.prefetch_related("ledamoter")),
        "jav__ledamot",
    )


def _signings(justeringar, sammantrade: Sammantrade) -> list[Signing]:
    """Ordförande first, then the justerare; those who have not confirmed yet as empty lines."""
    confirmed = {j.user_id: j for j in justeringar}
    people = [(sammantrade.ordforande, _("Ordförande"))] + [
        (user, _("Justerare")) for user in sammantrade.justerare.all()
    ]
    rows = []
    for user, role in people:
        if user is None:
            continue
        done = confirmed.get(user.pk)
        name = done.name if done else _user_name(user)
        rows.append(Signing(name, role, done.confirmed_on if done else None))
    return rows


def _paragraf_item(paragraf: Paragraf) -> dict:
    yttranden = {kind: [] for kind in Yttrande.Kind.values}
    for yttrande in paragraf.yttranden.all():
        yttranden[yttrande.kind].append(
            {"names": names_with_party(yttrande.ledamoter.all()), "text": yttrande.text}
        )
    omrostning = getattr(paragraf, "omrostning", None)  # None: no vote was held
    return {
        "paragraf": paragraf,
        "initiative": paragraf.initiative,
        "points": clean_points(paragraf.beslut_points),
        "yrkanden": [
            {"by": member_label(y.ledamot), "text": y.text} for y in paragraf.yrkanden.all()
        ],
        "omrostning": omrostning,
        "roster": [
            {"member": r.ledamot, "vote": r.get_vote_display()} for r in omrostning.roster.all()
        ]
        if omrostning
        else [],
        "sarskilda_uttalanden": yttranden[Yttrande.Kind.SARSKILT_UTTALANDE],
        "reservationer": yttranden[Yttrande.Kind.RESERVATION],
        "protokollsanteckningar": yttranden[Yttrande.Kind.PROTOKOLLSANTECKNING],
        "jav": [member_label(j.ledamot) for j in paragraf.jav.all()],
    }


def _meeting_context(sammantrade: Sammantrade) -> dict:
    sammantrade = (
        Sammantrade.objects.select_related("namnd", "ordforande", "sekreterare")
        .prefetch_related("justerare", "ledamoter")
        .get(pk=sammantrade.pk)
    )
    members = list(sammantrade.ledamoter.all())
    return {
        "sammantrade": sammantrade,
        "namnd": sammantrade.namnd,
        "ordinarie": [m for m in members if m.role == Ledamot.Role.ORDINARIE],
        "ersattare": [m for m in members if m.role == Ledamot.Role.ERSATTARE],
        "ordforande": _user_name(sammantrade.ordforande),
        "sekreterare": _user_name(sammantrade.sekreterare),
        "justerare": [_user_name(u) for u in sammantrade.justerare.all()],
    }


def _anslag_context(anslag: Anslag | None) -> dict:
    if anslag is None:
        return {"anslag": None, "appeal_until": None}
    return {"anslag": anslag, "appeal_until": appeal_last_day(anslag.posted_on)}


def protokoll_context(*, sammantrade: Sammantrade) -> dict:
    """The whole meeting: members, every numbered §, the justering and the anslag."""
    c = _meeting_context(sammantrade)
    sammantrade = c["sammantrade"]
    paragrafer = _paragraf_queryset().filter(sammantrade=sammantrade).order_by("number", "order")
    justeringar = Justering.objects.filter(sammantrade=sammantrade, paragraf__isnull=True)
    anslag = Anslag.objects.filter(sammantrade=sammantrade, paragraf__isnull=True).first()
    return (
        c
        | _anslag_context(anslag)
        | {
            "items": [_paragraf_item(p) for p in paragrafer],
            "signings": _signings(justeringar, sammantrade),
            "justerad_on": sammantrade.justerad_on,
        }
    )


def protokollsutdrag_context(*, paragraf: Paragraf) -> dict:
    """One §, with the justering and anslag that made it final (its own when justerad
    omedelbart, else the protokoll's)."""
    paragraf = _paragraf_queryset().get(pk=paragraf.pk)
    c = _meeting_context(paragraf.sammantrade)
    sammantrade = c["sammantrade"]
    own = paragraf.justerad_omedelbart
    scope = {"paragraf": paragraf} if own else {"paragraf__isnull": True}
    justeringar = Justering.objects.filter(sammantrade=sammantrade, **scope)
    anslag = Anslag.objects.filter(sammantrade=sammantrade, **scope).first()
    return (
        c
        | _anslag_context(anslag)
        | {
            "item": _paragraf_item(paragraf),
            "paragraf": paragraf,
            "signings": _signings(justeringar, sammantrade),
            "justerad_on": paragraf.justerad_on or sammantrade.justerad_on,
        }
    )


def tjansteutlatande_upprattat(initiative):
    """The case's upprättat tjänsteutlåtande, the bilaga the kallelse carries."""
    return decision_selectors.tjansteutlatande_upprattat(initiative=initiative)


def kallelse_context(*, sammantrade: Sammantrade) -> dict:
    """The meeting, its föredragningslista in the secretary's order, and the bilagor."""
    c = _meeting_context(sammantrade)
    items, bilagor = [], []
    for paragraf in _paragraf_queryset().filter(sammantrade=c["sammantrade"]):
        document = tjansteutlatande_upprattat(paragraf.initiative)
        number = None
        if document is not None and getattr(document, "pdf", None):
            bilagor.append(document)
            number = len(bilagor)
        items.append({"paragraf": paragraf, "document": document, "bilaga": number})
    return c | {"items": items, "bilagor": bilagor}


def _render(template: str, context: dict, language: str) -> str:
    with translation.override(language):
        return render_to_string(template, context)


def protokoll_html(*, sammantrade: Sammantrade, language: str = "sv") -> str:
    return _render(
        "namnd/documents/protokoll.html", protokoll_context(sammantrade=sammantrade), language
    )


def protokoll_pdf(*, sammantrade: Sammantrade, language: str = "sv") -> bytes:
    return html_to_pdf(protokoll_html(sammantrade=sammantrade, language=language))


def protokollsutdrag_html(*, paragraf: Paragraf, language: str = "sv") -> str:
    return _render(
        "namnd/documents/protokollsutdrag.html",
        protokollsutdrag_context(paragraf=paragraf),
        language,
    )


def protokollsutdrag_pdf(*, paragraf: Paragraf, language: str = "sv") -> bytes:
    return html_to_pdf(protokollsutdrag_html(paragraf=paragraf, language=language))


def _stored_bytes(document) -> bytes:
    with document.pdf.open("rb") as handle:
        return handle.read()


def kallelse_pdf(*, sammantrade: Sammantrade, language: str = "sv") -> bytes:
    """The kallelse with each case's upprättat tjänsteutlåtande appended, still PDF/A-2a."""
    c = kallelse_context(sammantrade=sammantrade)
    first = html_to_pdf(_render("namnd/documents/kallelse.html", c, language))
    return merge_pdfs(first, [_stored_bytes(d) for d in c["bilagor"]])
