"""Every form an organisation or staff member fills, as the payload corpus's form pass sees it.

`form_cases(town, request)` lists each form with a builder that binds it to data and the values
its non-text fields need to be valid (choices, passwords, files). Every other field of the form
is filled with each payload. The admin's forms are the ModelAdmin's and the inlines' own forms.
"""

import dataclasses
import functools
from collections.abc import Callable

from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.forms import SignupForm
from accounts.models import Forvaltning, Kommun, Namnd, User
from agreements.admin_forms import SignatureForm
from agreements.models import (
    Agreement,
    AgreementClause,
    AgreementTemplate,
    Contribution,
    ReportDate,
    TemplateClause,
)
from agreements.views import CommentForm
from assessments.models import Assessment, CriteriaSet, Criterion, CriterionAssessment
from decisions.case_page import DecisionForm
from initiatives.admin_forms import (
    AssignForm,
    DialogueMeetingForm,
    RegistrationForm,
    WatchDateForm,
)
from initiatives.forms import AttachmentForm, MessageForm
from initiatives.wizard import AllFieldsForm
from organisations.forms import DocumentForm, InviteForm, OrganisationForm
from public.forms import AccessibilityReportForm, GuideForm, RegisterFilterForm
from term.case_page import EvaluationForm
from term.forms import ReportForm

from .. import files


@dataclasses.dataclass
class FormCase:
    name: str
    build: Callable  # (data: dict) -> bound form
    fixed: dict = dataclasses.field(default_factory=dict)  # valid values of non-payload fields
    # Fields whose range the service checks after the form (its own messages, tested there).
    service_bounds: frozenset = frozenset()


@functools.cache
def _pdf() -> bytes:
    return files.pdf_bytes()


def _pdf_upload():
    return SimpleUploadedFile("plan.pdf", _pdf(), content_type="application/pdf")


def _with_file(form_class, **kwargs):
    return lambda data: form_class(data, {"file": _pdf_upload()}, **kwargs)


def _admin_form(model, request, obj):
    form_class = admin.site._registry[model].get_form(request, obj, change=True)
    return lambda data: form_class(data, instance=obj)


def _inline_form(parent, model, request, parent_obj, obj):
    model_admin = admin.site._registry[parent]
    inline = next(
        i for i in model_admin.get_inline_instances(request, parent_obj) if i.model is model
    )
    form_class = inline.get_formset(request, parent_obj).form
    return lambda data: form_class(data, instance=obj)


def form_cases(*, town, active, assessing, drafting, request_staff, request_superuser):
    """The forms, bound to the town's objects: `active` a running partnership, `assessing` a
    case under assessment, `drafting` an agreement being drafted (editable in the admin)."""
    agreement = active.agreement
    contributions = list(agreement.contributions.filter(party="municipality"))
    assessment = Assessment.objects.get(initiative=assessing)
    answer = CriterionAssessment.objects.filter(assessment=assessment).first()
    pdf = drafting
    draft_set = CriteriaSet.objects.create(name="Korpusens kriterier", version=1)
    criterion = Criterion.objects.create(criteria_set=draft_set, position=1, text="Kriterium")
    template = AgreementTemplate.objects.create(name="Korpusmall", forvaltning=town.sof)
    template_clause = TemplateClause.objects.create(
        template=template, kind="purpose", position=1, heading="Syfte", text="Text"
    )
    version = agreement.versions.order_by("-number").first()
    return [
        FormCase(
            "SignupForm",
            SignupForm,
            {"password1": "ett-långt-lösenord-9", "password2": "ett-långt-lösenord-9"},
        ),
        FormCase("OrganisationForm", OrganisationForm, {"legal_form": "ideell_forening"}),
        FormCase("Wizard (AllFieldsForm)", AllFieldsForm, {"forvaltning": str(town.sof.pk)}),
        FormCase("AttachmentForm", _with_file(AttachmentForm)),
        FormCase("MessageForm", _with_file(MessageForm)),
        FormCase(
            "ReportForm",
            lambda data: ReportForm(data, {"file": _pdf_upload()}, contributions=contributions),
        ),
        FormCase("CommentForm", CommentForm, {"version": str(version.pk)}),
        FormCase("InviteForm", InviteForm, {"role": "kontaktperson"}),
        FormCase("DocumentForm", _with_file(DocumentForm), {"kind": "stadgar"}),
        FormCase("GuideForm", lambda data: GuideForm(data, questions=[])),
        FormCase("AccessibilityReportForm", AccessibilityReportForm, {"website": ""}),
        FormCase(
            "RegisterFilterForm",
            lambda data: RegisterFilterForm(data, forvaltningar=[town.sof]),
            {"state": "", "forvaltning": ""},
        ),
        FormCase(
            "AssignForm",
            lambda data: AssignForm(data, forvaltning_id=town.sof.pk),
            {"handlaggare": str(town.handlaggare.pk)},
        ),
        FormCase("DialogueMeetingForm", DialogueMeetingForm),
        FormCase(
            "WatchDateForm",
            lambda data: WatchDateForm(data, forvaltning_id=town.sof.pk),
            {"responsible": ""},
        ),
        FormCase(
            "RegistrationForm",
            lambda data: RegistrationForm(data, user=town.handlaggare),
            {"organisation": "", "received_via": "post", "legal_form": "ideell_forening"},
            service_bounds=frozenset({"received_on"}),
        ),
        FormCase("DecisionForm", DecisionForm, {"outcome": "approved"}),
        FormCase("EvaluationForm", EvaluationForm, {"outcome": "end"}),
        FormCase("SignatureForm", SignatureForm, {"party": "municipality", "method": "paper"}),
        FormCase(
            "AssessmentAdmin",
            _admin_form(Assessment, request_staff, assessment),
            {"recommendation": "iop"},
        ),
        FormCase(
            "AssessmentAdmin answer",
            _inline_form(Assessment, CriterionAssessment, request_staff, assessment, answer),
            {"verdict": "fulfilled", "attachments": []},
        ),
        FormCase(
            "AgreementAdmin",
            _admin_form(Agreement, request_superuser, drafting),
            {"publishable": ""},
        ),
        FormCase(
            "AgreementAdmin clause",
            _inline_form(Agreement, AgreementClause, request_superuser, pdf, pdf.clauses.first()),
        ),
        FormCase(
            "AgreementAdmin contribution",
            _inline_form(
                Agreement, Contribution, request_superuser, pdf, Contribution(agreement=pdf)
            ),
            {"party": "organisation", "in_kind_type": "other"},
        ),
        FormCase(
            "AgreementAdmin report date",
            _inline_form(Agreement, ReportDate, request_superuser, pdf, ReportDate(agreement=pdf)),
        ),
        FormCase(
            "AgreementTemplateAdmin",
            _admin_form(AgreementTemplate, request_superuser, template),
            {"forvaltning": str(town.sof.pk)},
        ),
        FormCase(
            "AgreementTemplateAdmin clause",
            _inline_form(
                AgreementTemplate, TemplateClause, request_superuser, template, template_clause
            ),
            {"kind": "purpose"},
        ),
        FormCase("CriteriaSetAdmin", _admin_form(CriteriaSet, request_superuser, draft_set)),
        FormCase(
            "CriteriaSetAdmin criterion",
            _inline_form(CriteriaSet, Criterion, request_superuser, draft_set, criterion),
            {"required_for": "", "rules_out": "", "guide_if_no": "unclear"},
        ),
        FormCase(
            "ForvaltningAdmin",
            _admin_form(Forvaltning, request_superuser, town.amf),
            {
                "kommun": str(town.kommun.pk),
                "namnd": str(town.amf.namnd_id),
                "criteria_set": "",
            },
        ),
        FormCase("KommunAdmin", _admin_form(Kommun, request_superuser, town.kommun)),
        FormCase(
            "NamndAdmin",
            _admin_form(Namnd, request_superuser, Namnd.objects.get(pk=town.amf.namnd_id)),
            {"kommun": str(town.kommun.pk)},
        ),
        FormCase(
            "PortalUserAdmin",
            _admin_form(User, request_superuser, town.handlaggare_amf),
            {
                "password": "",
                "is_active": "on",
                "is_staff": "on",
                "forvaltning": str(town.amf.pk),
                "date_joined_0": "2026-01-01",
                "date_joined_1": "10:00:00",
                "last_login_0": "",
                "last_login_1": "",
                "groups": [],
                "user_permissions": [],
            },
        ),
    ]
