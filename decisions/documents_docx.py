"""The tjänsteutlåtande and the protokollsutdrag as Word documents, to finish in Word.

The same data as the PDFs (decisions.documents' contexts), outlined section by section for
core.docx; the message ids are the templates' own, so both formats translate alike.
"""

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.docx import Points, Section, Table, Text, WordDocument, build_docx
from core.templatetags.iop_format import format_kronor, genitive
from initiatives.models import Initiative

from .documents import protokollsutdrag_context, tjansteutlatande_context
from .models import Decision

# Word wants a region with the language for its proofing tools; the portal's languages are these.
WORD_LANGUAGES = {"sv": "sv-SE", "en": "en-GB"}


def _iso(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "tzinfo"):
        value = timezone.localdate(value)
    return value.isoformat()


def tjansteutlatande_docx(*, initiative: Initiative, language: str = "sv") -> bytes:
    """The tjänsteutlåtande as DOCX, with the sections and headings of the PDF."""
    with translation.override(language):
        c = tjansteutlatande_context(initiative=initiative)
        return build_docx(_tjansteutlatande_outline(c, language))


def _tjansteutlatande_outline(c: dict, language: str) -> WordDocument:
    initiative, organisation, forvaltning = c["initiative"], c["organisation"], c["forvaltning"]
    assessment, agreement = c["assessment"], c["agreement"]
    handlaggare = c["handlaggare"]
    name = (handlaggare.get_full_name() if handlaggare else "") or _("Ej tilldelad")
    if handlaggare and handlaggare.phone:
        name += f", {_('Telefon')}: {handlaggare.phone}"
    signatories = [f"{forvaltning.head_name}, {_('Förvaltningschef')}"]
    if forvaltning.deputy_name:
        signatories.append(f"{forvaltning.deputy_name}, {forvaltning.deputy_title}")
    background = _(
        "%(org)s (%(form)s, organisationsnummer %(orgnr)s) lämnade den %(date)s ett initiativ "
        "till idéburet offentligt partnerskap till förvaltningen."
    ) % {
        "org": organisation.name,
        "form": organisation.get_legal_form_display().lower(),
        "orgnr": organisation.org_number,
        "date": _iso(initiative.submitted_at),
    }
    preparation = _("Ärendet har beretts inom %(forvaltning)s i dialog med organisationen.") % {
        "forvaltning": forvaltning.name
    }
    if assessment.completed_at:
        preparation += " " + _("Bedömningen mot kriterierna avslutades %(date)s.") % {
            "date": _iso(assessment.completed_at)
        }
    considerations = [Text(assessment.considerations or assessment.summary)]
    if agreement:
        considerations.append(
            Text(
                _(
                    "Kommunens insats under avtalstiden är värderad till %(municipality)s och "
                    "organisationens till %(organisation)s."
                )
                % {
                    "municipality": format_kronor(c["totals"]["municipality"]),
                    "organisation": format_kronor(c["totals"]["organisation"]),
                }
            )
        )
    dnr = initiative.diarienummer
    return WordDocument(
        title=_("Idéburet offentligt partnerskap med %(org)s") % {"org": organisation.name},
        subtitle=initiative.title,
        language=WORD_LANGUAGES.get(language, language),
        author=forvaltning.name,
        running_header=forvaltning.name,
        details=[
            (forvaltning.name, _("Tjänsteutlåtande")),
            (_("Handläggare"), name),
            (_("Dnr"), dnr),
            (_("Datum"), _iso(c["date"])),
            (_("Till"), c["namnd"].name),
        ],
        sections=[
            Section(
                _("Förvaltningens förslag till beslut"),
                [Points(c["proposals"]), Text("\n".join(signatories))],
            ),
            Section(_("Sammanfattning"), [Text(assessment.summary or initiative.challenge)]),
            Section(_("Bakgrund"), [Text(background)]),
            Section(_("Samhällsutmaning"), [Text(initiative.challenge)], level=3),
            Section(
                _("Politiskt program eller plan"), [Text(initiative.political_programme)], level=3
            ),
            Section(_("Ärendets beredning"), [Text(preparation)]),
            Section(_("Ärendet")),
            Section(
                _("Verksamheten"),
                [Text(agreement.activities if agreement else initiative.activity)],
                level=3,
            ),
            Section(_("Målgrupp"), [Text(initiative.target_group)], level=3),
            *_contributions(agreement),
            _criteria(assessment),
            Section(_("Förvaltningens synpunkter och förslag"), considerations),
            Section(
                _("Bilagor"),
                [Points([f"{a}, {_('Dnr')} {dnr}" for a in c["attachments"]])],
            ),
        ],
    )


def _contributions(agreement) -> list[Section]:
    if agreement is None:
        return []
    rows = [
        [
            str(x.year),
            x.get_party_display(),
            format_kronor(x.amount_sek),
            x.in_kind_description,
            format_kronor(x.in_kind_value_sek),
        ]
        for x in agreement.contributions.all()
    ]
    dates = ", ".join(
        f"{_iso(r.due_date)} ({r.description.lower()})" for r in agreement.report_dates.all()
    )
    term = (
        f"{_('Avtalstid')}: {_iso(agreement.term_start)} – {_iso(agreement.term_end)}. "
        f"{_('Rapportdatum')}: {dates}."
    )
    columns = [_("År"), _("Part"), _("Pengar"), _("Andra resurser"), _("Värdering")]
    return [Section(_("Parternas insatser"), [Table(columns, rows), Text(term)], level=3)]


def _criteria(assessment) -> Section:
    rows = [
        [
            f"{a.criterion.position}. {a.criterion.text}",
            a.get_verdict_display() or "–",
            a.motivation,
        ]
        for a in assessment.answers.all()
    ]
    return Section(
        _("Bedömning mot kriterierna för IOP"),
        [
            Text(
                _("Förvaltningen har bedömt initiativet mot %(set)s.")
                % {"set": assessment.criteria_set}
            ),
            Table([_("Kriterium"), _("Bedömning"), _("Motivering")], rows),
            Text(f"{_('Rekommendation')}: {assessment.get_recommendation_display() or '–'}"),
        ],
        level=3,
    )


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
