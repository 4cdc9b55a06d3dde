"""Reading the payload corpus's outputs back: each page, admin page, mail, PDF and register file
a lifecycle case of test_payload_corpus_outputs shows, and the fields each must show."""

import csv
import html
import io
import json
import xml.etree.ElementTree as ET

from django.test import Client

from core import text as cleaning
from core.templatetags.iop_format import format_kronor
from term.models import Evaluation, FollowUpReport

from . import corpus
from . import corpus_flows as flows

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
        body, margins = corpus.read_pdf(response.content)
        # The förvaltning's name is also each page's running header: found there or in the body.
        settings = [key for key in keys if key.startswith("Forvaltning.")]
        both = body + "\x01" + margins
        self._check(output, both, case, settings, norm=corpus.pdf_norm, numbers=False, **kwargs)
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


def read_case(case, reader, member, staff, secretary):
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
        lambda: member.get(url("initiatives:messages", pk)),
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
        lambda: staff.get(url("admin:term_followupreport_change", report.pk)),
        case,
        ["FollowUpReport.activities_done", "FollowUpReport.deviations"],
        shifts={"numbers": ["participants_reached"]},
    )
    evaluation = Evaluation.objects.filter(initiative=case.initiative).first()
    if evaluation is not None:
        reader.html(
            "admin evaluation page",
            lambda: staff.get(url("admin:term_evaluation_change", evaluation.pk)),
            case,
            [f"Evaluation.{n}" for n in EVALUATION],
        )


def read_lists(cases, reader, member, staff):
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
    rows = list(csv.reader(io.StringIO(content.removeprefix("\ufeff")), delimiter=";"))
    header, rows = rows[0], {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    for row in rows.values():
        for cell in row.values():
            assert not cell.startswith(cleaning.FORMULA_PREFIXES), (
                f"formula in the CSV: {cell[:40]!r}"
            )
            corpus.assert_clean_output(cell)
    data = json.loads(anonymous.get(flows.url("public:register_json")).content)
    by_dnr = {row["diarienummer"]: row for row in data["results"]}
    feed = anonymous.get(flows.url("public:register_feed")).content
    root = ET.fromstring(feed)  # noqa: S314 - our own feed; it must be well-formed XML
    atom = corpus.space_norm(
        " ".join(e.text or "" for e in root.iter("{http://www.w3.org/2005/Atom}title"))
        + " "
        + " ".join(
            html.unescape(e.text or "") for e in root.iter("{http://www.w3.org/2005/Atom}summary")
        )
    )
    # The stored text: its CSV column, and its JSON key (the JSON has no summary).
    columns = {
        "Initiative.title": ("Rubrik", "title"),
        "Organisation.name": ("Organisation", "organisation"),
        "Agreement.public_summary": ("Beskrivning", None),
    }
    for case in cases:
        dnr = case.agreement.initiative.diarienummer  # case.initiative is the unsaved draft
        for key, (column, field) in columns.items():
            stored = reader.packs.stored(key, case.k)
            # The CSV cell is exactly the stored text, a formula prefix made text.
            assert rows[dnr][column] == cleaning.csv_cell(stored), (case.k, column)
            reader.tally.found(
                "register CSV", key, reader.packs.pieces(key, case.k), corpus.space_norm(stored)
            )
            if field:
                assert by_dnr[dnr][field] == stored, (case.k, field)
                reader.tally.found(
                    "register JSON",
                    key,
                    reader.packs.pieces(key, case.k),
                    corpus.space_norm(stored),
                )
    for case in cases[-20:]:  # the feed holds the 20 newest
        reader._check("register Atom feed", atom, case, list(columns))
    assert len(rows) == len(cases) and header[0] == "Diarienummer"
