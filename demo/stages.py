"""Demo cases at the stages the seeds' cases do not reach: in drafting, for decision, awaiting
signature, declined, evaluated and renewed (the renewal in assessment), terminated early; and
the register's published partnerships, active and ended."""

import datetime

from agreements import services as agreement_services
from agreements.models import AgreementGoal, Contribution, Party, ReportDate
from assessments.models import Recommendation
from initiatives.models import Initiative, Status
from term import evaluation_services, report_services, termination_services
from term import services as term_services
from term.models import Evaluation, EvaluationGoal

from .builder import Assessing, Deciding, Signing, build_case

GOALS = [
    {
        "goal": "Fler möten mellan nyanlända och etablerade invånare",
        "indicator": "Antal möten",
        "target": "200 möten",
    },
    {"goal": "Deltagarna känner sig mer delaktiga", "indicator": "Enkät", "target": "70 %"},
]

# (key, organisation of the seeds' case, förvaltning, stage, recommendation, title, activity)
STAGES = [
    (
        "sprakcafe",
        "duo",
        "AMF",
        "assessed",
        Recommendation.IOP,
        "Språkcafé på biblioteket",
        "Språkcafé två kvällar i veckan där nyanlända övar svenska med volontärer.",
    ),
    (
        "laxhjalp",
        "crossroads",
        "SOF",
        "decision",
        Recommendation.IOP,
        "Läxhjälp i Centrum",
        "Läxhjälp tre kvällar i veckan med ideella läxhjälpare.",
    ),
    (
        "kollo",
        "baby",
        "AMF",
        "signing",
        Recommendation.IOP,
        "Sommarkollo för nyanlända familjer",
        "En vecka på kollo för familjer som nyligen kommit till kommunen.",
    ),
    (
        "fritidsbank",
        "crossroads",
        "SOF",
        "assessed",
        Recommendation.DECLINE,
        "Fritidsbank i Norrby",
        "Utlåning av sport- och fritidsutrustning utan kostnad.",
    ),
    (
        "motesplats",
        "medpratare",
        "AMF",
        "active",
        Recommendation.IOP,
        "Mötesplats Demostad",
        "Öppen mötesplats där nyanlända och etablerade invånare möts varje vecka.",
    ),
    (
        "nattvandring",
        "crossroads",
        "SOF",
        "active",
        Recommendation.IOP,
        "Nattvandring i Söder",
        "Vuxna nattvandrar fredag och lördag kväll i stadsdelen.",
    ),
]


def _member(initiative):
    return initiative.organisation.members.order_by("pk").first()


def stages_demo_add(*, made, staff, secretaries, admin, today: datetime.date) -> dict:
    """Walk STAGES through the services; evaluate, renew, terminate and publish. Returns the
    cases by key."""
    this_month = today.replace(day=1)
    # A term that has just ended (for the evaluated case) and one that is running.
    ended_end = this_month - datetime.timedelta(days=1)
    ended_start = ended_end.replace(year=ended_end.year - 1) + datetime.timedelta(days=1)
    running_start = (this_month - datetime.timedelta(days=150)).replace(day=1)
    running_end = running_start.replace(year=running_start.year + 1) - datetime.timedelta(days=1)
    cases = {}
    for n, (key, org_of, prefix, stage, recommendation, title, activity) in enumerate(STAGES):
        seed_case = made[org_of]
        start, end = (
            (ended_start, ended_end)
            if key == "motesplats"
            else (
                running_start,
                running_end,
            )
        )
        forvaltning = staff[prefix].forvaltning
        fields = {
            "title": title,
            "challenge": seed_case.challenge,
            "activity": activity,
            "target_group": seed_case.target_group,
            "political_programme": seed_case.political_programme,
            "own_contribution": "Ideella timmar och samordning.",
            "requested_amount_per_year": 120000 + 10000 * n,
            "term_start": start,
            "term_end": end,
        }
        built = build_case(
            stage=stage,
            organisation=seed_case.organisation,
            forvaltning=forvaltning,
            member=_member(seed_case),
            fields=fields,
            goals=GOALS,
            handlaggare=staff[prefix],
            approver=secretaries.get(prefix) or admin,
            secretary=secretaries.get(prefix),
            assessing=Assessing(
                comment="Bedömt efter dialogen med organisationen.",
                recommendation=recommendation,
                summary=f"Förvaltningen har bedömt {title}.",
                considerations="Partnerskapet utvärderas innan ställning tas till en "
                "fortsättning; inget utlovas i förväg.",
            ),
            deciding=Deciding(
                meeting_date=min(start - datetime.timedelta(days=14), today),
                paragraph=80 + n,
                decision_text=f"{forvaltning.namnd.name} godkänner avtal om idéburet offentligt "
                f"partnerskap om {title}.",
                adjusted_immediately=True,
            ),
            signing=Signing(
                signed_on=min(start - datetime.timedelta(days=7), today),
                signatories=(
                    (Party.MUNICIPALITY, forvaltning.head_name, "Förvaltningschef"),
                    (Party.ORGANISATION, seed_case.organisation.contact_name, "Ordförande"),
                ),
            ),
        )
        cases[key] = built.initiative
    _evaluate_and_renew(cases["motesplats"], by=staff["AMF"], today=today)
    termination_services.agreement_terminate(
        agreement=cases["nattvandring"].agreement,
        by=staff["SOF"],
        reason="Föreningen har inte längre vuxna som kan nattvandra; verksamheten har upphört.",
        date=today,
        repayment_sek=40000,
    )
    published = [made[key] for key in ("duo", "baby", "medpratare")]
    published += [cases["motesplats"], cases["nattvandring"]]
    for initiative in published:
        agreement_services.agreement_publication_set(
            agreement=initiative.agreement,
            publishable=True,
            public_summary=f"{initiative.organisation.name} och {initiative.forvaltning.name} i "
            f"partnerskap: {initiative.title}.",
            by=initiative.handlaggare,
        )
    cases["renewal"] = Initiative.objects.get(renews=cases["motesplats"])
    return cases


def _evaluate_and_renew(case, *, by, today) -> None:
    """The reports in and accepted, then the evaluation with outcome förnya: the renewal's new
    case. (A report left unreviewed could never be completed once the case has closed.)"""
    member = _member(case)
    lines = Contribution.objects.filter(agreement__initiative=case, party=Party.MUNICIPALITY)
    goals = list(AgreementGoal.objects.filter(agreement__initiative=case))
    for report_date in ReportDate.objects.filter(agreement__initiative=case).order_by("due_date"):
        report = term_services.report_submit(
            report_date=report_date,
            by=member,
            activities_done="Mötesplatsen har varit öppen varje vecka med 20–30 besökare.",
            participants_reached=180,
            money_used={c.pk: c.amount_sek // 2 for c in lines},
            goal_answers={
                g.pk: {"outcome_value": "Enligt plan", "outcome_text": "Se verksamheten."}
                for g in goals
            },
        )
        report_services.report_accept(report=report, by=by)
    evaluation_services.evaluation_record(
        initiative=case,
        by=by,
        today=today,
        goal_fulfilment="Målen nåddes till största delen.",
        what_worked="Volontärernas engagemang och bibliotekets lokaler.",
        what_did_not_work="Svårt att nå män över 50 år.",
        knowledge_gained="En modell för öppna mötesplatser som fler stadsdelar kan använda.",
        knowledge_sharing="Modellen presenteras i stadens IOP-nätverk och på förvaltningens "
        "webbplats.",
        goals={
            g.pk: {
                "judgement": EvaluationGoal.Judgement.MET
                if g.order == 1
                else EvaluationGoal.Judgement.PARTLY,
                "comment": "Enligt slutrapporten.",
            }
            for g in goals
        },
        outcome=Evaluation.Outcome.RENEW,
    )
    assert Initiative.objects.get(renews=case).status == Status.ASSESSMENT
