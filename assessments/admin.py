"""Staff interface for criteria sets and the assessment of a case."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from simple_history.admin import SimpleHistoryAdmin

from initiatives.admin import CaseScopedAdmin
from initiatives.models import Status

from . import services
from .models import Assessment, CriteriaSet, Criterion, CriterionAssessment


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0
    fields = ("position", "text", "guidance", "guide_question", "guide_help", "guide_if_no")

    def has_change_permission(self, request, obj=None):
        return obj is None or not obj.published

    def has_add_permission(self, request, obj=None):
        return obj is None or not obj.published

    def has_delete_permission(self, request, obj=None):
        return obj is None or not obj.published


@admin.register(CriteriaSet)
class CriteriaSetAdmin(admin.ModelAdmin):
    list_display = ("name", "version", "published", "source")
    inlines = (CriterionInline,)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.published:
            return ("name", "version", "source", "published")
        return ()

    def has_delete_permission(self, request, obj=None):
        return False


class AnswerInline(admin.TabularInline):
    model = CriterionAssessment
    extra = 0
    can_delete = False
    fields = ("criterion", "verdict", "motivation")
    readonly_fields = ("criterion",)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return obj is not None and _is_open(obj)


def _is_open(assessment: Assessment) -> bool:
    return assessment.completed_at is None and assessment.initiative.status == Status.ASSESSMENT


@admin.register(Assessment)
class AssessmentAdmin(CaseScopedAdmin, SimpleHistoryAdmin):
    list_display = ("initiative", "criteria_set", "recommendation", "assessed_by", "completed_at")
    list_select_related = ("initiative", "criteria_set", "assessed_by")
    list_filter = ("recommendation",)
    search_fields = ("initiative__diarienummer", "initiative__title")
    fields = (
        "initiative",
        "criteria_set",
        "assessed_by",
        "recommendation",
        "summary",
        "considerations",
        "completed_at",
    )
    inlines = (AnswerInline,)
    change_form_template = "admin/assessments/assessment/change_form.html"

    def get_readonly_fields(self, request, obj=None):
        locked = ("initiative", "criteria_set", "assessed_by", "completed_at")
        if obj is not None and not _is_open(obj):
            return locked + ("recommendation", "summary", "considerations")
        return locked

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    # Edits go through the service, which checks the assessment is still open and records who.
    def save_model(self, request, obj, form, change):
        if _is_open(obj):
            services.assessment_record(
                assessment=obj,
                by=request.user,
                **{
                    name: form.cleaned_data[name]
                    for name in ("recommendation", "summary", "considerations")
                    if name in form.cleaned_data
                },
            )

    def save_formset(self, request, form, formset, change):
        answers = {
            f.instance.criterion_id: (f.cleaned_data["verdict"], f.cleaned_data["motivation"])
            for f in formset.forms
            if f.has_changed()
        }
        if answers and _is_open(form.instance):
            services.assessment_record(assessment=form.instance, by=request.user, answers=answers)
        # What the admin's change message reads, as formset.save() would have set it.
        formset.new_objects, formset.deleted_objects = [], []
        formset.changed_objects = [
            (f.instance, f.changed_data) for f in formset.forms if f.has_changed()
        ]

    def get_urls(self):
        return [
            path(
                "<int:pk>/slutfor/",
                self.admin_site.admin_view(require_POST(self.complete_view)),
                name="assessments_assessment_complete",
            ),
            *super().get_urls(),
        ]

    def complete_view(self, request, pk):
        assessment = get_object_or_404(self.get_queryset(request), pk=pk)
        try:
            services.assessment_complete(assessment=assessment, by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return HttpResponseRedirect(reverse("admin:assessments_assessment_change", args=[pk]))
        messages.success(request, _("Bedömningen är avslutad."))
        return HttpResponseRedirect(
            reverse("admin:initiatives_initiative_change", args=[assessment.initiative_id])
        )
