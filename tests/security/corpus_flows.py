"""The payload corpus's output pass: cases walked through their lifecycle with packed payloads.

Case k carries value k (cycling) of every field's packed values (corpus.pack). The
organisation's steps and the staff's form pages are posted to the real views; the admin change
forms with inlines (assessment, agreement) are validated with the admin's own forms and their
cleaned data handed to the services, as the admin's save_related does.
The staff's assessment and agreement steps are in corpus_flows_staff.
"""

import dataclasses
import functools

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import model_to_dict
from django.test import RequestFactory
from django.urls import reverse

from accounts.models import Forvaltning, Kommun, Namnd
from agreements import services as agreement_services
from agreements.admin_forms import SignatureForm
from agreements.models import Agreement
from assessments.models import Assessment, CriterionAssessment
from decisions.case_page import DecisionForm
from initiatives.admin_forms import AssignForm, DialogueMeetingForm, WatchDateForm
from initiatives.forms import AttachmentForm, MessageForm
from initiatives.models import Initiative
from initiatives.wizard import AllFieldsForm
from organisations.forms import OrganisationForm
from term.case_page import EvaluationForm
from term.forms import ReportForm

from .. import factories, files
from . import corpus

FILLER = "Text"
MOTIVATIONS = 6  # criteria a case's assessment motivates with corpus values
WIZARD_STEPS = {
    "utmaning": ("challenge", "target_group", "political_programme"),
    "verksamhet": ("activity",),
    "resurser": ("own_contribution", "requested_other_resources"),
}


class Packs:
    """Every field's packed values, keyed "Model.field"; value k of a field cycles."""

    def __init__(self, payloads):
        self.payloads = payloads
        self.values: dict[str, list] = {}
        self.form_fields: dict = {}

    def add(self, key: str, form_field, *, order: str = "forward"):
        kind = corpus.kind_of(form_field)
        assert kind in ("line", "text"), f"{key} is not a cleaned text field"
        self.form_fields[key] = form_field
        half = len(self.payloads) // 2
        payloads = {
            "forward": self.payloads,
            "reverse": self.payloads[::-1],
            "rotated": self.payloads[half:] + self.payloads[:half],
        }[order]
        self.values[key] = corpus.pack(
            payloads, kind=kind, limit=form_field.max_length, required=form_field.required
        )

    def value(self, key: str, k: int) -> str:
        """Value k of the field; past the field's last value, a short ordinary text (so that
        the cases that carry other fields' values keep their documents small)."""
        values = self.values[key]
        return values[k][0] if k < len(values) else FILLER

    def stored(self, key: str, k: int) -> str:
        """What the field stores for value k: the oracle's cleaning of the packed value."""
        return corpus.expected(corpus.kind_of(self.form_fields[key]), self.value(key, k))

    def pieces(self, key: str, k: int) -> list:
        values = self.values[key]
        return values[k][1] if k < len(values) else []

    def has(self, k: int, *keys) -> bool:
        """Whether case k carries a value of any of the fields."""
        return any(k < len(self.values[key]) for key in keys)

    def count(self, keys=None) -> int:
        return max(len(self.values[key]) for key in keys or self.values)

    def needed(self, per_case: dict) -> int:
        """How many cases carry every value: a field filled n times a case needs len/n cases."""
        return max(-(-len(values) // per_case.get(key, 1)) for key, values in self.values.items())


def numbers_accepted(payloads, form_field) -> list[tuple[str, str, int]]:
    """The payloads an integer field accepts: (payload id, raw, the number it stores)."""
    out = []
    for p in payloads:
        try:
            number = form_field.clean(p.value)
        except ValidationError:
            number = None  # refused: the form pass checks how
        if number is not None:
            out.append((p.id, p.value, number))
    return out


def _admin_forms(request, *, assessment, agreement) -> dict:
    """The admin's own form classes for the assessment, the agreement and their inlines."""
    assessment_admin = admin.site._registry[Assessment]
    agreement_admin = admin.site._registry[Agreement]
    forms = {
        "Assessment": assessment_admin.get_form(request, assessment, change=True),
        "Agreement": agreement_admin.get_form(request, agreement, change=True),
    }
    for inline in agreement_admin.get_inline_instances(request, agreement):
        forms[inline.model.__name__] = inline.get_formset(request, agreement).form
    for inline in assessment_admin.get_inline_instances(request, assessment):
        if inline.model is CriterionAssessment:
            forms["CriterionAssessment"] = inline.get_formset(request, assessment).form
    return forms


def packs_for(payloads, *, town) -> tuple[Packs, dict]:
    """Pack the corpus for every text field of the lifecycle, by the real forms' limits."""
    request = RequestFactory().get("/admin/")
    request.user = town.superuser
    # Throwaway objects give the admin's forms their state; they are not corpus cases.
    drafting = agreement_services.agreement_create_draft(
        initiative=town.assessed(title="Formernas avtal"), by=town.handlaggare
    )
    assessing = Assessment.objects.get(initiative=town.in_assessment(title="Formernas bedömning"))
    admin_forms = _admin_forms(request, assessment=assessing, agreement=drafting)
    packs = Packs(payloads)
    wizard = AllFieldsForm()
    for name in ("title", *(n for names in WIZARD_STEPS.values() for n in names)):
        packs.add(f"Initiative.{name}", wizard.fields[name])
    packs.add("Organisation.name", OrganisationForm().fields["name"])
    packs.add("Attachment.description", AttachmentForm().fields["description"])
    packs.add("CaseMessage.body", MessageForm().fields["body"])
    packs.add("CaseMessage.body (staff reply)", MessageForm().fields["body"])
    packs.add("CaseAssignment.note", AssignForm().fields["note"])
    packs.add("WatchDate.what", WatchDateForm(forvaltning_id=None).fields["what"])
    for name in ("participants", "challenge_agreed", "solution_agreed"):
        packs.add(f"DialogueMeeting.{name}", DialogueMeetingForm().fields[name])
    for name in ("decision_text", "decision_process"):
        packs.add(f"Decision.{name}", DecisionForm().fields[name])
    for name in ("goal_fulfilment", "what_worked", "what_did_not_work", "knowledge_gained"):
        packs.add(f"Evaluation.{name}", EvaluationForm().fields[name])
    for name in ("activities_done", "deviations"):
        packs.add(f"FollowUpReport.{name}", ReportForm(contributions=[]).fields[name])
    for name in ("name", "title", "place"):
        packs.add(f"Signature.{name}", SignatureForm().fields[name])
    for name in ("summary", "considerations"):
        packs.add(f"Assessment.{name}", admin_forms["Assessment"].base_fields[name])
    packs.add(
        "CriterionAssessment.motivation",
        admin_forms["CriterionAssessment"].base_fields["motivation"],
    )
    for name in (
        "municipality_signatory",
        "municipality_signatory_title",
        "organisation_signatory",
        "organisation_signatory_title",
        "public_summary",
    ):
        packs.add(f"Agreement.{name}", admin_forms["Agreement"].base_fields[name])
    for name in ("heading", "text"):
        packs.add(f"AgreementClause.{name}", admin_forms["AgreementClause"].base_fields[name])
    packs.add(
        "Contribution.in_kind_description",
        admin_forms["Contribution"].base_fields["in_kind_description"],
    )
    packs.add("ReportDate.description", admin_forms["ReportDate"].base_fields["description"])
    packs.add("AgreementComment.text", _comment_field())
    for model, names in CONFIGURATION.items():
        form_class = admin.site._registry[model].get_form(request, None)
        admin_forms[model.__name__] = form_class
        for name in names:
            # In another order than the case's own fields, so that a read-back of the
            # förvaltning's name (each PDF page's running header) is not met by the title.
            order = "reverse" if model is Forvaltning else "rotated"
            packs.add(f"{model.__name__}.{name}", form_class.base_fields[name], order=order)
    return packs, admin_forms


# The municipality's own settings that its documents and pages show, changed before each case
# through the admin's forms (the förvaltning's shorter fields: test_payload_corpus_outputs
# reads them from the pages alone).
CONFIGURATION = {
    Forvaltning: ("name", "head_name", "deputy_name", "contact_name"),
    Kommun: ("name",),
    Namnd: ("name",),
}


def configure(k, packs, admin_forms, *, town):
    """Give the town's förvaltning, kommun and nämnd value k of their fields (admin forms)."""
    for model, names in CONFIGURATION.items():
        obj = {Forvaltning: town.sof, Kommun: town.kommun, Namnd: town.sof.namnd}[model]
        obj.refresh_from_db()
        form_class = admin_forms[model.__name__]
        data = {
            name: value
            for name, value in model_to_dict(obj, fields=form_class.base_fields).items()
            if value is not None
        }
        data |= {
            name: packs.value(f"{model.__name__}.{name}", k)
            for name in names
            if packs.has(k, f"{model.__name__}.{name}")
        }
        form = form_class(data, instance=obj)
        assert form.is_valid(), form.errors.as_data()
        form.save()


def _comment_field():
    from agreements.views import CommentForm

    return CommentForm().fields["text"]


@functools.cache
def _pdf() -> bytes:
    return files.pdf_bytes()


def upload(name="plan.pdf"):
    return SimpleUploadedFile(name, _pdf(), content_type="application/pdf")


def url(name, *args):
    return reverse(name, args=args)


@dataclasses.dataclass
class Case:
    """One corpus case: what it carries, by field key, and the numbers it was given."""

    k: int
    initiative: Initiative
    numbers: dict = dataclasses.field(default_factory=dict)

    @property
    def agreement(self) -> Agreement:
        return Agreement.objects.get(initiative=self.initiative)


def _ok(response, where):
    assert response.status_code in (200, 302), f"{where}: {response.status_code}"
    if response.status_code == 200 and getattr(response, "context", None):
        form = response.context.get("form")
        assert not (form and form.errors), f"{where}: {form.errors.as_data()}"
    return response


def organisation_side(client, packs, k, *, town, forvaltning, numbers) -> Case:
    """The organisation's profile, the wizard, an attachment, submission and a message."""
    v = functools.partial(packs.value, k=k)
    _ok(
        client.post(
            url("initiatives:organisation_create"),
            {
                "name": v("Organisation.name"),
                "org_number": factories.org_number(),
                "legal_form": "ideell_forening",
                "street_address": "Storgatan 1",
                "postal_code": "111 22",
                "city": "Demostad",
                "contact_name": "Kim Kontakt",
                "contact_email": f"kontakt{k}@forening.example",
                "contact_phone": "070-123 45 67",
            },
        ),
        "organisation",
    )
    organisation = town.member.organisations.order_by("-pk").first()
    _ok(
        client.post(
            url("initiatives:create"),
            {
                "organisation": organisation.pk,
                "title": v("Initiative.title"),
                "forvaltning": forvaltning.pk,
            },
        ),
        "wizard start",
    )
    initiative = Initiative.objects.filter(organisation=organisation).get()
    case = Case(k=k, initiative=initiative)
    for step, names in WIZARD_STEPS.items():
        data = {name: v(f"Initiative.{name}") for name in names}
        if step == "verksamhet":
            data |= {"term_start": "2025-01-01", "term_end": "2025-12-31"}
        if step == "resurser":
            pid, raw, number = numbers["requested_amount_per_year"][
                k % len(numbers["requested_amount_per_year"])
            ]
            data["requested_amount_per_year"] = raw
            case.numbers["requested_amount_per_year"] = (pid, number)
        _ok(client.post(url("initiatives:step", initiative.pk, step), data), step)
    _ok(
        client.post(
            url("initiatives:step", initiative.pk, "bilagor"),
            {"file": upload(), "description": v("Attachment.description")},
        ),
        "attachment",
    )
    return case
