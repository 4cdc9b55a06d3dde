"""The payload corpus's output pass: what the forms accepted, read back from every output.

Cases walk the lifecycle through the real views (corpus_flows), each carrying a packed
share of the corpus in every field. Then every page, admin page, mail, PDF and the register's
CSV, JSON and Atom is read: nothing injected, nothing fetched (a listener on a loopback port
that the payloads name sees no connection), no 500, every accepted payload read back as the
form stored it, and formula prefixes neutralised in the CSV. The count printed is
payloads × fields × outputs, each one a read-back.
"""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from weasyprint import HTML

from agreements.models import ReportDate
from decisions.case_page import DecisionForm
from demo.builder import tjansteutlatande_upprattat_build
from initiatives.wizard import AllFieldsForm
from term.forms import ReportForm

from . import corpus
from . import corpus_flows as flows
from . import corpus_flows_staff as staff_flows
from .corpus_reads import EVALUATION, PER_CASE, SIGNATORIES, WIZARD, Reader, read_case, read_lists

pytestmark = pytest.mark.django_db


@pytest.fixture
def listener():
    with corpus.Listener() as listener:
        yield listener


def test_the_listener_would_see_a_fetch(listener):
    """The check can fail: WeasyPrint's default fetcher does reach the listener."""
    HTML(string=f'<img src="http://127.0.0.1:{listener.port}/x.png">').write_pdf()
    assert listener.connections >= 1


def _numbers(payloads):
    wizard = AllFieldsForm()
    report = ReportForm(contributions=[])
    from agreements.admin import ContributionInline  # noqa: F401 - the admin's own field below
    from agreements.models import Contribution

    contribution = Contribution._meta
    return {
        "requested_amount_per_year": flows.numbers_accepted(
            payloads, wizard.fields["requested_amount_per_year"]
        ),
        "participants_reached": flows.numbers_accepted(
            payloads, report.fields["participants_reached"]
        ),
        "paragraph": flows.numbers_accepted(payloads, DecisionForm().fields["paragraph"]),
        "in_kind_hours": flows.numbers_accepted(
            payloads, _model_formfield(contribution.get_field("in_kind_hours"))
        ),
        "in_kind_value_sek": flows.numbers_accepted(
            payloads, _model_formfield(contribution.get_field("in_kind_value_sek"))
        ),
    }


def _model_formfield(model_field):
    from core.fields import model_formfield

    return model_formfield(model_field.model, model_field.name)


def test_every_accepted_payload_reads_back_from_every_output(
    town, listener, django_capture_on_commit_callbacks
):
    payloads = corpus.load(listener.port)
    packs, admin_forms = flows.packs_for(payloads, town=town)
    numbers = _numbers(payloads)
    n_cases = packs.needed(PER_CASE)
    member, staff, secretary = Client(), Client(), Client()
    member.force_login(town.member)
    staff.force_login(town.handlaggare)
    secretary.force_login(town.secretary)
    reader = Reader(packs)
    cases = []
    for k in range(n_cases):
        mail.outbox.clear()
        case = _walk(
            k,
            packs,
            admin_forms,
            numbers,
            town,
            member,
            staff,
            secretary,
            reader,
            django_capture_on_commit_callbacks,
        )
        cases.append(case)
        read_case(case, reader, member, staff, secretary)
    read_lists(cases, reader, member, staff)
    assert listener.connections == 0, "a payload made the portal fetch something"
    print("\n" + reader.tally.summary("Output pass"))
    assert len(reader.tally.outputs) >= 20


def _walk(k, packs, admin_forms, numbers, town, member, staff, secretary, reader, on_commit):
    v = lambda key, j=k: packs.value(key, j)  # noqa: E731
    url = flows.url

    def post(client, path, data=None, where=""):
        # Each request commits on its own, as in production: its mail goes out then.
        with on_commit(execute=True):
            response = client.post(path, data or {})
        return flows._ok(response, where or path)

    flows.configure(k, packs, admin_forms, town=town)
    case = flows.organisation_side(
        member, packs, k, town=town, forvaltning=town.sof, numbers=numbers
    )
    pk = case.initiative.pk
    review = member.get(url("initiatives:step", pk, "granska"))
    reader.html(
        "wizard review page",
        review,
        case,
        [f"Initiative.{n}" for n in WIZARD] + ["Organisation.name", "Attachment.description"],
        shifts={"numbers": ["requested_amount_per_year"]},
    )
    post(member, url("initiatives:step", pk, "granska"), where="submit")
    reader.mail(
        "mail: receipt",
        mail.outbox[-1],
        case,
        ["Initiative.title", "Organisation.name", "Forvaltning.name", "Forvaltning.contact_name"],
    )
    # Steps whose outputs show the title or the organisation run for every case; the others
    # only while the case still carries a value of their fields.
    post(member, url("initiatives:messages", pk), {"body": v("CaseMessage.body")}, where="message")
    reader.mail(
        "mail: message to staff", mail.outbox[-1], case, ["CaseMessage.body", "Initiative.title"]
    )
    post(
        staff,
        url("admin:initiatives_casemessage_reply", pk),
        {"body": v("CaseMessage.body (staff reply)")},
        where="reply",
    )
    reader.mail(
        "mail: message to the organisation",
        mail.outbox[-1],
        case,
        ["CaseMessage.body (staff reply)", "Initiative.title", "Forvaltning.name"],
    )
    post(
        staff,
        url("admin:initiatives_initiative_assign", pk),
        {"handlaggare": town.colleague.pk, "note": v("CaseAssignment.note")},
        where="assign",
    )
    reader.mail(
        "mail: case assigned",
        mail.outbox[-1],
        case,
        ["CaseAssignment.note", "Initiative.title"],
    )
    dialogue = [
        f"DialogueMeeting.{n}" for n in ("participants", "challenge_agreed", "solution_agreed")
    ]
    if packs.has(k, *dialogue):
        post(
            staff,
            url("admin:initiatives_initiative_dialogue", pk),
            {
                # Today: the case arrived today, and a meeting cannot be dated before that.
                "held_on": timezone.localdate().isoformat(),
                **{
                    n: v(f"DialogueMeeting.{n}")
                    for n in ("participants", "challenge_agreed", "solution_agreed")
                },
            },
            where="dialogue",
        )
    if packs.has(k, "WatchDate.what"):
        post(
            staff,
            url("admin:initiatives_initiative_watch_date", pk),
            {"due_date": "2027-06-01", "what": v("WatchDate.what"), "responsible": ""},
            where="watch date",
        )
    post(staff, url("admin:initiatives_initiative_action", pk, "start_assessment"), where="start")
    staff_flows.assess(case, packs, admin_forms, town=town)
    post(staff, url("admin:initiatives_initiative_action", pk, "create_agreement"), where="draft")
    staff_flows.draft_agreement(case, packs, admin_forms, town=town, numbers=numbers)
    agreement = case.agreement
    post(staff, url("admin:agreements_agreement_send", agreement.pk), where="send")
    reader.mail("mail: agreement sent", mail.outbox[-1], case, ["Initiative.title"])
    version = agreement.versions.filter(sent_at__isnull=False).get()
    post(
        member,
        url("agreements:draft", pk),
        {"version": version.pk, "text": v("AgreementComment.text")},
        where="comment",
    )
    reader.html(
        "organisation's agreement draft page",
        lambda: member.get(url("agreements:draft", pk)),
        case,
        [
            "Initiative.title",
            "Initiative.challenge",
            "Initiative.activity",
            "AgreementClause.heading",
            "AgreementClause.text",
            "AgreementComment.text",
        ],
    )
    reader.pdf(
        "organisation's agreement draft PDF",
        lambda: member.get(url("agreements:draft_pdf", pk)),
        case,
        [
            "Initiative.title",
            "Organisation.name",
            "Initiative.challenge",
            "Initiative.activity",
            "AgreementClause.heading",
            "AgreementClause.text",
            "Initiative.own_contribution",
            "Initiative.requested_other_resources",
            "Contribution.in_kind_description",
            *(f"Agreement.{n}" for n in SIGNATORIES),
            "Forvaltning.name",
            "Kommun.name",
        ],
    )
    post(
        staff, url("admin:initiatives_initiative_action", pk, "submit_for_decision"), where="submit"
    )
    pid, raw, paragraph = numbers["paragraph"][k % len(numbers["paragraph"])]
    case.numbers["paragraph"] = (pid, paragraph)
    meeting_date = datetime.date(2026, 1 + k // 28, 1 + k % 28)
    # The nämnd decides on an upprättat tjänsteutlåtande, dated before its meeting.
    tjansteutlatande_upprattat_build(
        case.initiative,
        writer=town.handlaggare,
        chef=town.colleague,
        dated=meeting_date - datetime.timedelta(days=1),
    )
    post(
        secretary,
        url("admin:initiatives_initiative_decision", pk),
        {
            "meeting_date": meeting_date.isoformat(),
            "paragraph": raw,
            "outcome": "approved",
            "decision_text": v("Decision.decision_text"),
            "decision_process": v("Decision.decision_process"),
        },
        where="decision",
    )
    reader.mail(
        "mail: decision",
        mail.outbox[-1],
        case,
        ["Decision.decision_text", "Initiative.title", "Namnd.name"],
    )
    for n, party in enumerate(("municipality", "organisation")):
        post(
            staff,
            url("admin:agreements_agreement_sign", agreement.pk),
            {
                "party": party,
                "method": "paper",
                "signed_on": "2026-11-30",
                **{f: v(f"Signature.{f}", 2 * k + n) for f in ("name", "title", "place")},
            },
            where="sign",
        )
    report_date = ReportDate.objects.get(agreement=agreement, due_date="2025-06-30")
    lines = agreement.contributions.filter(party="municipality")
    pid, raw, participants = numbers["participants_reached"][
        k % len(numbers["participants_reached"])
    ]
    case.numbers["participants_reached"] = (pid, participants)
    post(
        member,
        url("term:report", pk, report_date.pk),
        {
            "activities_done": v("FollowUpReport.activities_done"),
            "deviations": v("FollowUpReport.deviations"),
            "participants_reached": raw,
            **{f"used_{c.pk}": "1000" for c in lines},
        },
        where="report",
    )
    reader.mail(
        "mail: follow-up report",
        mail.outbox[-1],
        case,
        ["Organisation.name", "Initiative.title", "ReportDate.description"],
    )
    evaluation = [f"Evaluation.{n}" for n in EVALUATION]
    if packs.has(k, *evaluation):
        post(
            staff,
            url("admin:initiatives_initiative_evaluation", pk),
            {
                "outcome": "end",
                # The report above is a mid-term one: the evaluation says why no final one came.
                "no_final_report_reason": "Partnerskapet avslutas efter delrapporten.",
                **{
                    n: v(f"Evaluation.{n}")
                    for n in (
                        "goal_fulfilment",
                        "what_worked",
                        "what_did_not_work",
                        "knowledge_gained",
                    )
                },
            },
            where="evaluation",
        )
    return case
