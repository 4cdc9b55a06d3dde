"""The protokollsutdrag as a Word document, to finish in Word: the PDF's sections, with Word's
own headings and numbered lists (core.docx); the message ids are the templates' own."""

from django.template.defaultfilters import date as date_format
from django.utils import translation
from django.utils.translation import gettext as _

from core.docx import Points, Section, Table, Text, WordDocument, build_docx
from core.templatetags.iop_format import genitive

from .documents import protokollsutdrag_context
from .models import Paragraf

# Word wants a region with the language for its proofing tools; the portal's languages are these.
WORD_LANGUAGES = {"sv": "sv-SE", "en": "en-GB"}


def _iso(value) -> str:
    return value.isoformat() if value else ""


def _beslutsgang(item: dict) -> list:
    paragraf, blocks = item["paragraf"], []
    if item["yrkanden"]:
        blocks.append(Text(_("Yrkanden") + ":"))
        blocks.append(
            Points(
                [_("%(by)s yrkar: %(text)s") % y for y in item["yrkanden"]],
                numbered=False,
            )
        )
    if paragraf.propositionsordning:
        blocks.append(Text(f"{_('Propositionsordning')}: {paragraf.propositionsordning}"))
    if paragraf.beslutsgang:
        blocks.append(Text(paragraf.beslutsgang))
    if item["omrostning"]:
        blocks.append(
            Table(
                [_("Ledamot"), _("Parti"), _("Röst")],
                [[r["member"].name, r["member"].party, r["vote"]] for r in item["roster"]],
                caption=f"{_('Omröstning')}: {item['omrostning'].question}",
            )
        )
        if item["omrostning"].result:
            blocks.append(Text(item["omrostning"].result))
    return blocks


def _yttranden(item: dict) -> list[Section]:
    kinds = [
        (
            "sarskilda_uttalanden",
            _("Särskilt uttalande"),
            _("%(names)s lämnar följande särskilda uttalande."),
        ),
        ("reservationer", _("Reservation"), _("%(names)s reserverar sig mot beslutet.")),
        (
            "protokollsanteckningar",
            _("Protokollsanteckning"),
            _("%(names)s lämnar följande protokollsanteckning."),
        ),
    ]
    return [
        Section(heading, [Text(intro % {"names": y["names"]}), Text(y["text"])])
        for key, heading, intro in kinds
        for y in item[key]
    ]


def paragraf_sections(c: dict, item: dict) -> list[Section]:
    """One §'s sections, as templates/namnd/documents/_paragraf.html prints them."""
    paragraf, namnd = item["paragraf"], c["namnd"].name
    decision = [Points(item["points"])] if item["points"] else []
    if paragraf.justerad_omedelbart:
        decision.append(
            Text(_("%(namnd)s beslutade justera paragrafen omedelbart.") % {"namnd": namnd})
        )
    matter = [Text(paragraf.arendet)] if paragraf.arendet else []
    if paragraf.tjansteutlatande_date:
        matter.append(
            Text(
                _("%(forvaltning)s har redovisat ärendet i ett tjänsteutlåtande daterat %(date)s.")
                % {
                    "forvaltning": item["initiative"].forvaltning.name,
                    "date": date_format(paragraf.tjansteutlatande_date, "j F Y"),
                }
            )
        )
    sections = [
        Section(_("%(namnd)s beslut") % {"namnd": genitive(namnd)}, decision),
        Section(_("Ärendet"), matter),
    ]
    if item["jav"]:
        sections.append(
            Section(
                _("Jäv"),
                [
                    Points(
                        [
                            _("%(name)s deltar inte i handläggningen av ärendet på grund av jäv.")
                            % {"name": name}
                            for name in item["jav"]
                        ],
                        numbered=False,
                    )
                ],
            )
        )
    process = _beslutsgang(item)
    if process:
        sections.append(Section(_("Beslutsgång"), process))
    return sections + _yttranden(item)


def _justering(c: dict) -> list[Section]:
    signed = [
        f"{s.name}, {s.role}"
        + (f", {_('justerat %(date)s') % {'date': _iso(s.confirmed_on)}}" if s.confirmed_on else "")
        for s in c["signings"]
    ]
    justering = [
        Text(
            _("Justerat den %(date)s.") % {"date": _iso(c["justerad_on"])}
            if c["justerad_on"]
            else _("Protokollet är inte justerat.")
        ),
        Text("\n".join(signed)),
    ]
    sections = [Section(_("Justering"), justering)]
    anslag = c["anslag"]
    if anslag:
        sections.append(
            Section(
                _("Anslag"),
                [
                    Text(
                        _(
                            "Justeringen har tillkännagetts på kommunens digitala anslagstavla "
                            "den %(posted)s. Anslaget tas ned den %(down)s."
                        )
                        % {"posted": _iso(anslag.posted_on), "down": _iso(anslag.taken_down_on)}
                    ),
                    Text(_("Protokollet förvaras: %(place)s.") % {"place": anslag.kept_at}),
                    Text(
                        _(
                            "Beslutet kan överklagas (laglighetsprövning) inom tre veckor från "
                            "den dag anslaget sattes upp, till och med %(until)s."
                        )
                        % {"until": _iso(c["appeal_until"])}
                    ),
                ],
            )
        )
    return sections


def protokollsutdrag_docx(*, paragraf: Paragraf, language: str = "sv") -> bytes:
    """The protokollsutdrag as DOCX, with the headings and numbered decision of the PDF."""
    with translation.override(language):
        c = protokollsutdrag_context(paragraf=paragraf)
        item, namnd = c["item"], c["namnd"].name
        initiative = item["initiative"]
        title = _("Idéburet offentligt partnerskap med %(org)s") % {
            "org": initiative.organisation.name
        }
        date = _iso(c["sammantrade"].date)
        intygar = Section(
            _("Rätt utdraget intygar"),
            [Text(f"{c['sekreterare'] or '–'}, {_('Sekreterare')}")],
        )
        return build_docx(
            WordDocument(
                title=f"§ {c['paragraf'].number} {title}",
                subtitle=initiative.title,
                language=WORD_LANGUAGES.get(language, language),
                author=namnd,
                running_header=f"{namnd} · {_('Protokollsutdrag')} · "
                f"{_('Sammanträdesdatum')} {date}",
                details=[
                    (namnd, _("Protokollsutdrag")),
                    (_("Sammanträdesdatum"), date),
                    (_("Dnr"), initiative.diarienummer),
                ],
                sections=paragraf_sections(c, item) + _justering(c) + [intygar],
            )
        )
