"""The approved revisions of an assessment, as its admin page lists them (read only)."""

from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from initiatives.admin_casework import CaseWorkInline

from . import permissions
from .models import AssessmentRevision, CriterionAssessment


class RevisionInline(CaseWorkInline):
    model = AssessmentRevision
    fields = (
        "revision",
        "recommendation",
        "summary",
        "saved_by",
        "approved_by",
        "approved_at",
        "verdicts",
    )
    readonly_fields = fields
    verbose_name_plural = gettext_lazy("Godkända revisioner")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("saved_by", "approved_by")

    # Revisions are part of the assessment: whoever may see it sees its history.
    def has_view_permission(self, request, obj=None):
        return permissions.can_view_assessments(request.user)

    @admin.display(description=gettext_lazy("bedömda kriterier"))
    def verdicts(self, revision):
        labels = dict(CriterionAssessment.Verdict.choices)
        underlag = _("Underlag")
        return format_html_join(
            "",
            "<p>{}. {}: <strong>{}</strong> {} {}</p>",
            (
                (
                    a["position"],
                    a["text"],
                    labels.get(a["verdict"], "–"),
                    a["motivation"],
                    f"({underlag}: {', '.join(f['name'] for f in a['attachments'])})"
                    if a.get("attachments")
                    else "",
                )
                for a in revision.answers
            ),
        )
