"""The first draft of a tjänsteutlåtande, proposed from the case: the writer edits every line.

Texts are written in the record language (Swedish): they become the document's own text.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.models import Agreement, Party
from assessments.models import Assessment, CriterionAssessment, Recommendation
from core.templatetags.iop_format import format_kronor
from initiatives.models import Initiative

TITLE_LIMIT = 300  # Tjansteutlatande.title's max_length


def _iso(value) -> str:
    if value is None:
        return "–"
    if hasattr(value, "tzinfo"):
        value = timezone.localdate(value)
    return value.isoformat()


def _criterion_argument(answer: CriterionAssessment) -> str:
    """One criterion as an argument: what it asks, the verdict, and why. A fulfilled criterion
    left without a motivation gets a sentence saying so, never an empty cell."""
    criterion = answer.criterion
    verdict = answer.get_verdict_display() or _("Ej bedömt")
    motivation = answer.motivation.strip()
    if not motivation:
        if answer.verdict == CriterionAssessment.Verdict.FULFILLED:
            motivation = _(
                "Förvaltningen bedömer att initiativet uppfyller kriteriet, utifrån "
                "organisationens initiativ och dialogen med organisationen."
            )
        elif answer.verdict == CriterionAssessment.Verdict.NOT_FULFILLED:
            motivation = _("Förvaltningen bedömer att initiativet inte uppfyller kriteriet.")
        else:
            motivation = _("Förvaltningen har inte kunnat bedöma kriteriet av underlaget.")
    return f"{criterion.position}. {criterion.text} {verdict}. {motivation}"


def _contributions(agreement: Agreement) -> list[str]:
    lines = []
    totals = {Party.MUNICIPALITY: 0, Party.ORGANISATION: 0}
    for c in agreement.contributions.all():
        totals[c.party] += c.amount_sek + c.in_kind_value_sek
        line = _("%(year)s, %(party)s: %(amount)s") % {
            "year": c.year,
            "party": c.get_party_display(),
            "amount": format_kronor(c.amount_sek),
        }
        if c.in_kind_description:
            line += _("; andra resurser: %(what)s (värderat till %(value)s)") % {
                "what": c.in_kind_description,
                "value": format_kronor(c.in_kind_value_sek),
            }
        lines.append(line + ".")
    lines.append(
        _(
            "Kommunens insats under avtalstiden är värderad till %(municipality)s och "
            "organisationens till %(organisation)s."
        )
        % {
            "municipality": format_kronor(totals[Party.MUNICIPALITY]),
            "organisation": format_kronor(totals[Party.ORGANISATION]),
        }
    )
    return lines


def _title(organisation, initiative) -> str:
    """The proposed heading; the case's own title where the long form would pass the limit."""
    title = _("Idéburet offentligt partnerskap med %(org)s – %(title)s") % {
        "org": organisation.name,
        "title": initiative.title,
    }
    return title if len(title) <= TITLE_LIMIT else initiative.title[:TITLE_LIMIT]


def prefill(*, initiative: Initiative, with_beslutsunderlag: bool) -> dict:
    """The header and section texts of a new draft, from the case, its assessment and agreement."""
    forvaltning = initiative.forvaltning
    namnd = forvaltning.namnd
    organisation = initiative.organisation
    handlaggare = initiative.handlaggare
    assessment = (
        Assessment.objects.filter(initiative=initiative)
        .select_related("criteria_set")
        .prefetch_related("answers__criterion")
        .first()
    )
    agreement = (
        Agreement.objects.filter(initiative=initiative)
        .prefetch_related("contributions", "report_dates")
        .first()
    )
    if agreement:
        points = [
            _(
                "%(namnd)s godkänner förslaget till avtal om idéburet offentligt partnerskap med "
                "%(org)s om %(title)s för perioden %(start)s–%(end)s."
            )
            % {
                "namnd": namnd.name,
                "org": organisation.name,
                "title": initiative.title,
                "start": _iso(agreement.term_start),
                "end": _iso(agreement.term_end),
            }
        ]
    else:
        points = [
            _("%(namnd)s godkänner förvaltningens bedömning av initiativet från %(org)s.")
            % {"namnd": namnd.name, "org": organisation.name}
        ]
    bakgrund = [
        _(
            "%(org)s (%(form)s, organisationsnummer %(orgnr)s) lämnade den %(date)s ett initiativ "
            "till idéburet offentligt partnerskap till förvaltningen."
        )
        % {
            "org": organisation.name,
            "form": organisation.get_legal_form_display().lower(),
            "orgnr": organisation.org_number,
            "date": _iso(initiative.submitted_at),
        }
    ]
    if initiative.challenge:
        bakgrund.append(
            _("Organisationen beskriver samhällsutmaningen så här: %(text)s")
            % {"text": initiative.challenge}
        )
    if initiative.political_programme:
        bakgrund.append(
            _("Initiativet knyter an till %(text)s") % {"text": initiative.political_programme}
        )
    beredning = [
        _("Ärendet har beretts inom %(forvaltning)s i dialog med organisationen.")
        % {"forvaltning": forvaltning.name}
    ]
    if assessment and assessment.completed_at:
        beredning.append(
            _("Bedömningen mot kriterierna avslutades %(date)s.")
            % {"date": _iso(assessment.completed_at)}
        )
    arendet = [
        _("Verksamheten: %(text)s")
        % {"text": (agreement.activities if agreement else "") or initiative.activity},
        _("Målgrupp: %(text)s") % {"text": initiative.target_group},
    ]
    if agreement:
        dates = ", ".join(
            f"{_iso(r.due_date)} ({r.description.lower()})" for r in agreement.report_dates.all()
        )
        arendet.append("\n".join(_contributions(agreement)))
        arendet.append(
            _("Avtalstid: %(start)s–%(end)s. Rapportdatum: %(dates)s.")
            % {"start": _iso(agreement.term_start), "end": _iso(agreement.term_end), "dates": dates}
        )
    synpunkter, bedomning = [], ""
    if assessment:
        if assessment.considerations:
            synpunkter.append(assessment.considerations)
        synpunkter.append(
            _("Förvaltningen har bedömt initiativet mot %(set)s:")
            % {"set": assessment.criteria_set}
        )
        answers = list(assessment.answers.all())
        synpunkter.append("\n".join(_criterion_argument(a) for a in answers))
        fulfilled = sum(a.verdict == CriterionAssessment.Verdict.FULFILLED for a in answers)
        if assessment.recommendation == Recommendation.IOP:
            bedomning = _(
                "Initiativet uppfyller %(n)s av %(total)s kriterier. Förvaltningen bedömer "
                "sammantaget att ett idéburet offentligt partnerskap är rätt samverkansform och "
                "föreslår att nämnden beslutar enligt förslaget."
            ) % {"n": fulfilled, "total": len(answers)}
        else:
            bedomning = _(
                "Initiativet uppfyller %(n)s av %(total)s kriterier. Förvaltningens "
                "rekommendation: %(recommendation)s."
            ) % {
                "n": fulfilled,
                "total": len(answers),
                "recommendation": assessment.get_recommendation_display() or "–",
            }
    bilagor = []
    if agreement:
        bilagor.append(
            _("Förslag till avtal om idéburet offentligt partnerskap, %(org)s")
            % {"org": organisation.name}
        )
    bilagor.append(
        _("Initiativ från %(org)s, inkommet %(date)s")
        % {"org": organisation.name, "date": _iso(initiative.submitted_at)}
    )
    return {
        "fields": {
            "forvaltning_name": forvaltning.name,
            "handlaggare_name": handlaggare.get_full_name() if handlaggare else "",
            "handlaggare_phone": handlaggare.phone if handlaggare else "",
            "till": namnd.name,
            "dnr": initiative.diarienummer,
            "title": _title(organisation, initiative),
            "forslag_till_beslut": "\n".join(points),
            "sammanfattning": (assessment.summary if assessment else "") or initiative.challenge,
            "bakgrund": "\n\n".join(bakgrund),
            "arendets_beredning": "\n".join(beredning),
            "arendet": "\n\n".join(arendet),
            "synpunkter": "\n\n".join(synpunkter),
            "sammantagen_bedomning": bedomning,
            "beslutsunderlag": "\n".join(bilagor) if with_beslutsunderlag else "",
        },
        "bilagor": bilagor,
    }
