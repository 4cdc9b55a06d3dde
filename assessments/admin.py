"""Staff interface for criteria sets (versioned) and the assessment of a case (four eyes)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.admin import ScopedAdmin
from initiatives.admin import CaseScopedHistoryAdmin
from initiatives.models import Attachment, Status

from . import selectors, services
from .admin_revisions import RevisionInline
from .models import (
    Assessment,
    CriteriaSet,
    Criterion,
    CriterionAssessment,
)


def _report(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0
    fields = (
        "position",
        "text",
        "guidance",
        "section",
        "required_for",
        "rules_out",
        "guide_question",
        "guide_help",
        "guide_if_no",
    )

    def has_change_permission(self, request, obj=None):
        return (obj is None or not obj.published) and super().has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return (obj is None or not obj.published) and super().has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return (obj is None or not obj.published) and super().has_delete_permission(request, obj)


@admin.register(CriteriaSet)
class CriteriaSetAdmin(ScopedAdmin):
    list_display = ("name", "version", "published", "source")
    list_filter = ("published",)
    search_fields = ("name",)
    inlines = (CriterionInline,)
    actions = ("new_version",)
    change_form_template = "admin/assessments/criteriaset/change_form.html"

    def get_readonly_fields(self, request, obj=None):
        # Publishing goes through its button, which checks the set has criteria.
        if obj is not None and obj.published:
            return ("name", "version", "source", "published")
        return ("version", "published")

    def has_delete_permission(self, request, obj=None):
        return False

    def render_change_form(self, request, context, obj=None, **kwargs):
        if obj is not None and obj.published:
            context |= {
                "show_save": False,
                "show_save_and_continue": False,
                "show_save_and_add_another": False,
            }
        return super().render_change_form(request, context, obj=obj, **kwargs)

    @admin.action(description=gettext_lazy("Ny version"), permissions=["add"])
    def new_version(self, request, queryset):
        for criteria_set in queryset:
            new = services.criteria_set_new_version(criteria_set=criteria_set, by=request.user)
            messages.success(request, _("%(set)s är skapad och kan redigeras.") % {"set": new})

    def get_urls(self):
        return [
            path(
                "<int:pk>/ny-version/",
                self.admin_site.admin_view(require_POST(self.new_version_view)),
                name="assessments_criteriaset_new_version",
            ),
            path(
                "<int:pk>/publicera/",
                self.admin_site.admin_view(require_POST(self.publish_view)),
                name="assessments_criteriaset_publish",
            ),
            *super().get_urls(),
        ]

    def new_version_view(self, request, pk):
        criteria_set = self.get_scoped_object(request, pk)
        if not self.has_add_permission(request):
            messages.error(request, _("Du får inte skapa kriterieuppsättningar."))
            return HttpResponseRedirect(reverse("admin:assessments_criteriaset_change", args=[pk]))
        new = services.criteria_set_new_version(criteria_set=criteria_set, by=request.user)
        messages.success(request, _("%(set)s är skapad och kan redigeras.") % {"set": new})
        return HttpResponseRedirect(reverse("admin:assessments_criteriaset_change", args=[new.pk]))

    def publish_view(self, request, pk):
        criteria_set = self.get_scoped_object(request, pk)
        if not self.has_change_permission(request, criteria_set):
            messages.error(request, _("Du får inte publicera kriterieuppsättningar."))
        else:
            try:
                services.criteria_set_publish(criteria_set=criteria_set, by=request.user)
            except ValidationError as error:
                _report(request, error)
            else:
                messages.success(request, _("Kriterieuppsättningen är publicerad."))
        return HttpResponseRedirect(reverse("admin:assessments_criteriaset_change", args=[pk]))


def _is_open(assessment: Assessment) -> bool:
    return assessment.completed_at is None and assessment.initiative.status == Status.ASSESSMENT


def _is_editable(assessment: Assessment) -> bool:
    return _is_open(assessment) and not assessment.is_approved


class AssessmentForm(forms.ModelForm):
    class Meta:
        model = Assessment
        fields = ("recommendation", "summary", "considerations")

    def clean(self):
        # A stale page posted after approval or completion: refuse it rather than drop it silently.
        if self.instance.pk is not None and not _is_editable(self.instance):
            raise ValidationError(
                _(
                    "Revision %(n)s är godkänd eller avslutad och kan inte ändras. "
                    "Välj ”Ny revision” för att ändra bedömningen."
                )
                % {"n": self.instance.revision},
                code="assessment_locked",
            )
        return super().clean()


class AnswerInline(admin.TabularInline):
    model = CriterionAssessment
    extra = 0
    can_delete = False
    # Each row is headed by its criterion, so the criterion needs no column of its own.
    fields = ("guidance", "verdict", "motivation", "attachments")
    readonly_fields = ("guidance",)
    formfield_overrides = {
        models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple},
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 50})},
    }

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("criterion")
            .prefetch_related("attachments")
        )

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is None:
            return formset
        # Only the case's own attachments may be linked; read them once for all the rows.
        own = Attachment.objects.filter(initiative_id=obj.initiative_id)
        choices = [(a.pk, a.original_name) for a in own]

        class AnswerForm(formset.form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                if "attachments" in self.fields:
                    self.fields["attachments"].queryset = own
                    self.fields["attachments"].choices = choices
                # A table row's controls are not tied to the column headings: name each one.
                # (Each attachment checkbox is labelled by its file name already.)
                if self.instance.criterion_id is None:  # the formset's empty template row
                    return
                n = self.instance.criterion.position
                for name, label in (
                    ("verdict", _("Bedömning av kriterium %(n)s")),
                    ("motivation", _("Motivering till kriterium %(n)s")),
                ):
                    if name in self.fields:
                        self.fields[name].widget.attrs["aria-label"] = label % {"n": n}

        formset.form = AnswerForm
        return formset

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("help_text", _("Ärendets bilagor som stöder bedömningen."))
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description=gettext_lazy("vägledning"))
    def guidance(self, answer):
        return answer.criterion.guidance

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return obj is not None and _is_editable(obj) and super().has_change_permission(request, obj)


@admin.register(Assessment)
class AssessmentAdmin(CaseScopedHistoryAdmin):
    form = AssessmentForm
    list_display = (
        "initiative",
        "criteria_set",
        "revision",
        "recommendation",
        "saved_by",
        "approved_by",
        "completed_at",
    )
    list_select_related = ("initiative", "criteria_set", "saved_by", "approved_by")
    list_filter = ("recommendation",)
    search_fields = ("initiative__diarienummer", "initiative__title")
    fields = (
        "initiative",
        "criteria_set",
        "revision",
        "assessed_by",
        "saved_by",
        "approved_by",
        "approved_at",
        "recommendation",
        "summary",
        "considerations",
        "completed_at",
    )
    inlines = (AnswerInline, RevisionInline)
    change_form_template = "admin/assessments/assessment/change_form.html"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("initiative", "criteria_set", "assessed_by", "saved_by", "approved_by")
        )

    def get_readonly_fields(self, request, obj=None):
        locked = (
            "initiative",
            "criteria_set",
            "revision",
            "assessed_by",
            "saved_by",
            "approved_by",
            "approved_at",
            "completed_at",
        )
        if obj is not None and not _is_editable(obj):
            return locked + ("recommendation", "summary", "considerations")
        return locked

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        assessment = self.get_object(request, object_id)
        if assessment is not None:
            editable = _is_editable(assessment)
            extra_context = (extra_context or {}) | {
                "warnings": selectors.assessment_contradictions(assessment=assessment),
                "is_open": _is_open(assessment),
                "is_editable": editable,
            }
            if not editable:
                extra_context |= {"show_save": False, "show_save_and_continue": False}
        return super().change_view(request, object_id, form_url, extra_context)

    # The service saves in save_related, once, with the fields and the answers together.
    def save_model(self, request, obj, form, change):
        pass

    def save_related(self, request, form, formsets, change):
        assessment = form.instance
        answers, attachments = {}, {}
        for formset in formsets:
            changed_forms = [f for f in formset.forms if f.has_changed()]
            if formset.model is CriterionAssessment:
                for f in changed_forms:
                    criterion_id = f.instance.criterion_id
                    answers[criterion_id] = (
                        f.cleaned_data["verdict"],
                        f.cleaned_data["motivation"],
                    )
                    if "attachments" in f.changed_data:
                        attachments[criterion_id] = [a.pk for a in f.cleaned_data["attachments"]]
            # What the admin's change message reads, as formset.save() would have set it.
            formset.new_objects, formset.deleted_objects = [], []
            formset.changed_objects = [(f.instance, f.changed_data) for f in changed_forms]
        saved = services.assessment_record(
            assessment=assessment,
            by=request.user,
            answers=answers,
            attachments=attachments,
            **{name: form.cleaned_data[name] for name in AssessmentForm.Meta.fields},
        )
        for warning in saved.warnings:
            messages.warning(request, warning)

    def get_urls(self):
        actions = [
            path(
                f"<int:pk>/{action}/",
                self.admin_site.admin_view(require_POST(self.action_view)),
                {"action": action},
                name=name,
            )
            for action, name in (
                ("godkann", "assessments_assessment_approve"),
                ("ny-revision", "assessments_assessment_revise"),
                ("slutfor", "assessments_assessment_complete"),
            )
        ]
        return actions + super().get_urls()

    def action_view(self, request, pk, action):
        assessment = self.get_scoped_object(request, pk)
        change_url = reverse("admin:assessments_assessment_change", args=[pk])
        try:
            if action == "godkann":
                saved = services.assessment_approve(assessment=assessment, by=request.user)
                messages.success(
                    request,
                    _("Revision %(n)s är godkänd. Nu kan bedömningen avslutas.")
                    % {"n": saved.assessment.revision},
                )
                for warning in saved.warnings:
                    messages.warning(request, warning)
            elif action == "ny-revision":
                assessment = services.assessment_revise(assessment=assessment, by=request.user)
                messages.success(
                    request,
                    _("Revision %(n)s är öppnad. Den godkända revisionen finns kvar i historiken.")
                    % {"n": assessment.revision},
                )
            else:
                services.assessment_complete(assessment=assessment, by=request.user)
                messages.success(request, _("Bedömningen är avslutad."))
                return HttpResponseRedirect(
                    reverse("admin:initiatives_initiative_change", args=[assessment.initiative_id])
                )
        except ValidationError as error:
            _report(request, error)
        return HttpResponseRedirect(change_url)
