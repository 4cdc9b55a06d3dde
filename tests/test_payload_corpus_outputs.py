"""The payload corpus's output pass: what the forms accepted, read back from every output.

Cases walk the lifecycle through the real views (tests.corpus_flows), each carrying a packed
share of the corpus in every field. Then every page, admin page, mail, PDF and the register's
CSV, JSON and Atom is read: nothing injected, nothing fetched (a listener on a loopback port
that the payloads name sees no connection), no 500, every accepted payload read back as the
form stored it, and formula prefixes neutralised in the CSV. The count printed is
payloads × fields × outputs, each one a read-back.
"""

import csv
import html
import io
import json
import time
import xml.etree.ElementTree as ET

import pytest
from django.core import mail
from django.test import Client
from weasyprint import HTML

from agreements.models import Evaluation, ReportDate
from casework.forms import ReportForm
from casework.models import FollowUpReport
from initiatives.admin import DecisionForm
from initiatives.templatetags.iop_format import format_kronor
from initiatives.wizard import AllFieldsForm
from iop_portal import text as cleaning

from . import corpus
from . import corpus_flows as flows

pytestmark = pytest.mark.django_db

# Fields a case fills more than once: two signatures, one motivation per criterion.
PER_CASE = {
    "Signature.name": 2,
    "Signature.title": 2,
    "Signature.place": 2,
    "CriterionAssessment.motivation": flows.MOTIVATIONS,
}
EVALUATION = ("goal_fulfilment", "what_worked", "what_did_not_work", "knowledge_gained")
WIZARD = ["title", *(n for names in flows.WIZARD_STEPS.values() for n in names)]
SIGNATORIES = [
    "municipality_signatory",
    "municipality_signatory_title",
    "organisation_signatory",
    "organisation_signatory_title",
]


@pytest.fixture
def listener():
    with corpus.Listener() as listener:
        yield listener


def test_the_listener_would_see_a_fetch(listener):
    """The check can fail: WeasyPrint's default fetcher does reach the listener."""
    HTML(string=f'<img src="http://127.0.0.1:{listener.port}/x.png">').write_pdf()
    assert listener.connections >= 1


class Reader:
    """Reads each output once and checks the pieces each case put into it."""

    def __init__(self, packs):
        self.packs, self.tally = packs, corpus.Tally()

    def _wanted(self, case, keys, kwargs) -> bool:
        shifts = kwargs.get("shifts") or {}
        for key in keys:
            if any(self.packs.pieces(key, k) for k in shifts.get(key, [case.k])):
                return True
        return any(name in case.numbers for name in shifts.get("numbers", ()))

    def html(self, output, fetch, case, keys, **kwargs):
        if not self._wanted(case, keys, kwargs):
            return  # nothing of this case to read here
        response = fetch() if callable(fetch) else fetch
        assert response.status_code == 200, f"{output}: {response.status_code}"
        self._check(output, corpus.read_html(response.content), case, keys, **kwargs)

    def pdf(self, output, fetch, case, keys, **kwargs):
        if not self._wanted(case, keys, kwargs):
            return
        response = fetch() if callable(fetch) else fetch
        assert response.status_code == 200, f"{output}: {response.status_code}"
        assert response["Content-Type"] == "application/pdf"
        body, full = corpus.read_pdf(response.content)
        # The förvaltning's own name is the running header: read it from the text as extracted.
        settings = [key for key in keys if key.startswith("Forvaltning.")]
        self._check(output, full, case, settings, norm=corpus.pdf_norm, numbers=False, **kwargs)
        rest = [key for key in keys if key not in settings]
        self._check(output, body, case, rest, norm=corpus.pdf_norm, **kwargs)

    def mail(self, output, message, case, keys):
        body = corpus.space_norm(message.subject + " " + message.body)
        corpus.assert_clean_output(message.subject + "\n" + message.body)
        assert "\n" not in message.subject and "\r" not in message.subject
        self._check(output, body, case, keys)

    def _check(
        self,
        output,
        text,
        case,
        keys,
        *,
        norm=corpus.space_norm,
        lower=(),
        shifts=None,
        numbers=True,
    ):
        for key in keys:
            for k in (shifts or {}).get(key, [case.k]):
                fn = str.lower if key in lower else None
                self.tally.found(output, key, self.packs.pieces(key, k), text, norm=norm, fn=fn)
        for name, (pid, number) in case.numbers.items() if numbers else ():
            if name in (shifts or {}).get("numbers", ()):
                shown = (
                    format_kronor(number)
                    if name.endswith("sek") or "amount" in name
                    else str(number)
                )
                self.tally.found(output, name, [(pid, shown)], text, norm=norm)


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
    from iop_portal.fields import model_formfield

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
    started = time.perf_counter()
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
        _read_case(case, reader, member, staff, secretary)
        print(f"case {k}: {time.perf_counter() - started:.1f} s")
    _read_lists(cases, reader, member, staff)
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
    post(member, url("casework:messages", pk), {"body": v("CaseMessage.body")}, where="message")
    reader.mail(
        "mail: message to staff", mail.outbox[-1], case, ["CaseMessage.body", "Initiative.title"]
    )
    post(
        staff,
        url("admin:casework_casemessage_reply", pk),
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
                "held_on": "2026-11-30",
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
    flows.assess(case, packs, admin_forms, town=town)
    post(staff, url("admin:initiatives_initiative_action", pk, "create_agreement"), where="draft")
    flows.draft_agreement(case, packs, admin_forms, town=town, numbers=numbers)
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
    post(
        secretary,
        url("admin:initiatives_initiative_decision", pk),
        {
            "meeting_date": f"2026-{1 + k // 28:02d}-{1 + k % 28:02d}",
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
        url("casework:report", pk, report_date.pk),
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


def _read_case(case, reader, member, staff, secretary):
    url, pk, k = flows.url, case.initiative.pk, case.k
    signatures = {
        "Signature.name": [2 * k, 2 * k + 1],
        "Signature.title": [2 * k, 2 * k + 1],
        "Signature.place": [2 * k, 2 * k + 1],
    }
    motivations = {
        "CriterionAssessment.motivation": [
            k * flows.MOTIVATIONS + n for n in range(flows.MOTIVATIONS)
        ]
    }
    contributions = [
        "Initiative.own_contribution",
        "Initiative.requested_other_resources",
        "Contribution.in_kind_description",
    ]
    reader.html(
        "organisation's case page",
        lambda: member.get(url("initiatives:detail", pk)),
        case,
        ["Initiative.title", "ReportDate.description"],
    )
    reader.html(
        "organisation's messages page",
        lambda: member.get(url("casework:messages", pk)),
        case,
        ["CaseMessage.body", "CaseMessage.body (staff reply)"],
    )
    anonymous = Client()
    reader.html(
        "home page",
        lambda: anonymous.get(url("home")),
        case,
        ["Forvaltning.name", "Forvaltning.contact_name", "Namnd.name"],
    )
    reader.html(
        "public register page",
        lambda: anonymous.get(url("public:register")),
        case,
        ["Forvaltning.name", "Forvaltning.contact_name"],
    )
    reader.pdf(
        "kvittens PDF",
        lambda: member.get(url("initiatives:receipt", pk)),
        case,
        [f"Initiative.{n}" for n in WIZARD]
        + ["Organisation.name", "Attachment.description", "Forvaltning.name"],
        shifts={"numbers": ["requested_amount_per_year"]},
    )
    reader.pdf(
        "tjänsteutlåtande PDF",
        lambda: secretary.get(url("admin:initiatives_initiative_tjansteutlatande", pk)),
        case,
        [
            "Initiative.title",
            "Organisation.name",
            "Initiative.challenge",
            "Initiative.activity",
            "Initiative.target_group",
            "Initiative.political_programme",
            *contributions,
            "ReportDate.description",
            "Assessment.summary",
            "Assessment.considerations",
            "CriterionAssessment.motivation",
            "Forvaltning.name",
            "Forvaltning.head_name",
            "Forvaltning.deputy_name",
            "Namnd.name",
        ],
        lower={"ReportDate.description"},
        shifts=motivations,
    )
    decision = case.initiative.decisions.get()
    reader.pdf(
        "protokollsutdrag PDF",
        lambda: secretary.get(
            url("admin:initiatives_initiative_protokollsutdrag", pk, decision.pk)
        ),
        case,
        [
            "Initiative.title",
            "Organisation.name",
            "Decision.decision_text",
            "Decision.decision_process",
            "Assessment.summary",
            "Forvaltning.name",
            "Namnd.name",
        ],
        shifts={"numbers": ["paragraph"]},
    )
    agreement = case.agreement
    reader.pdf(
        "agreement PDF",
        lambda: staff.get(url("admin:agreements_agreement_pdf", agreement.pk)),
        case,
        [
            "Initiative.title",
            "Organisation.name",
            "Initiative.challenge",
            "Initiative.activity",
            "AgreementClause.heading",
            "AgreementClause.text",
            *contributions,
            *signatures,
            "Forvaltning.name",
            "Kommun.name",
        ],
        shifts=signatures | {"numbers": ["in_kind_hours", "in_kind_value_sek"]},
    )
    reader.html(
        "admin case page",
        lambda: staff.get(url("admin:initiatives_initiative_change", pk)),
        case,
        [f"Initiative.{n}" for n in WIZARD]
        + [
            "Organisation.name",
            "CaseAssignment.note",
            "DialogueMeeting.participants",
            "DialogueMeeting.challenge_agreed",
            "DialogueMeeting.solution_agreed",
            "WatchDate.what",
            "CaseMessage.body",
            "CaseMessage.body (staff reply)",
        ],
    )
    reader.html(
        "admin assessment page",
        lambda: staff.get(
            url("admin:assessments_assessment_change", case.initiative.assessment.pk)
        ),
        case,
        ["Assessment.summary", "Assessment.considerations", "CriterionAssessment.motivation"],
        shifts=motivations,
    )
    reader.html(
        "admin agreement page",
        lambda: staff.get(url("admin:agreements_agreement_change", agreement.pk)),
        case,
        [
            *(f"Agreement.{n}" for n in SIGNATORIES),
            "Agreement.public_summary",
            "AgreementClause.heading",
            "AgreementClause.text",
            "Contribution.in_kind_description",
            "ReportDate.description",
            "AgreementComment.text",
        ],
    )
    reader.html(
        "admin signature page",
        lambda: staff.get(url("admin:agreements_agreement_sign", agreement.pk)),
        case,
        list(signatures),
        shifts=signatures,
    )
    report = FollowUpReport.objects.get(report_date__agreement=agreement)
    reader.html(
        "admin follow-up report page",
        lambda: staff.get(url("admin:casework_followupreport_change", report.pk)),
        case,
        ["FollowUpReport.activities_done", "FollowUpReport.deviations"],
        shifts={"numbers": ["participants_reached"]},
    )
    evaluation = Evaluation.objects.filter(initiative=case.initiative).first()
    if evaluation is not None:
        reader.html(
            "admin evaluation page",
            lambda: staff.get(url("admin:agreements_evaluation_change", evaluation.pk)),
            case,
            [f"Evaluation.{n}" for n in EVALUATION],
        )


def _read_lists(cases, reader, member, staff):
    """The pages and files that list many cases: my cases, the queue, the public register."""
    keys = ["Initiative.title", "Organisation.name"]
    texts = {"my cases": "", "admin case list": "", "public register page": ""}
    for page in range(1, len(cases) // 20 + 2):
        texts["my cases"] += corpus.read_html(
            member.get(flows.url("initiatives:my_cases"), {"page": page}).content
        )
        texts["public register page"] += corpus.read_html(
            Client().get(flows.url("public:register"), {"sida": page}).content
        )
    for page in range(len(cases) // 50 + 1):
        texts["admin case list"] += corpus.read_html(
            staff.get(flows.url("admin:initiatives_initiative_changelist"), {"p": page}).content
        )
    for case in cases:
        for output, text in texts.items():
            reader._check(
                output,
                text,
                case,
                keys + (["Agreement.public_summary"] if "register" in output else []),
            )
    anonymous = Client()
    content = anonymous.get(flows.url("public:register_csv")).content.decode()
    rows = list(csv.reader(io.StringIO(content.removeprefix("\ufeff"))))
    header, rows = rows[0], {int(row[0]): dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    for row in rows.values():
        for cell in row.values():
            assert not cell.startswith(cleaning.FORMULA_PREFIXES), (
                f"formula in the CSV: {cell[:40]!r}"
            )
            corpus.assert_clean_output(cell)
    data = json.loads(anonymous.get(flows.url("public:register_json")).content)
    by_id = {row["id"]: row for row in data["results"]}
    feed = anonymous.get(flows.url("public:register_feed")).content
    root = ET.fromstring(feed)  # noqa: S314 - our own feed; it must be well-formed XML
    atom = corpus.space_norm(
        " ".join(e.text or "" for e in root.iter("{http://www.w3.org/2005/Atom}title"))
        + " "
        + " ".join(
            html.unescape(e.text or "") for e in root.iter("{http://www.w3.org/2005/Atom}summary")
        )
    )
    columns = {
        "title": "Initiative.title",
        "organisation": "Organisation.name",
        "summary": "Agreement.public_summary",
    }
    for case in cases:
        agreement_id = case.agreement.pk
        for column, key in columns.items():
            stored = reader.packs.stored(key, case.k)
            # The CSV cell is exactly the stored text, a formula prefix made text.
            assert rows[agreement_id][column] == cleaning.csv_cell(stored), (case.k, column)
            assert by_id[agreement_id][column] == stored, (case.k, column)
            for output in ("register CSV", "register JSON"):
                reader.tally.found(
                    output, key, reader.packs.pieces(key, case.k), corpus.space_norm(stored)
                )
    for case in cases[-20:]:  # the feed holds the 20 newest
        reader._check("register Atom feed", atom, case, list(columns.values()))
    assert len(rows) == len(cases) and header[0] == "id"
