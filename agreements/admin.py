"""Staff interface for agreements, decisions, reminders and evaluations."""

from django.contrib import admin
from django.contrib.admin.utils import flatten
from simple_history.admin import SimpleHistoryAdmin

from initiatives.admin import CaseScopedAdmin
from initiatives.models import Status

from .models import Agreement, Contribution, Decision, Evaluation, ReportDate, SentReminder


def _editable(agreement: Agreement | None) -> bool:
    return agreement is not None and agreement.initiative.status == Status.AGREEMENT


class ContributionInline(admin.TabularInline):
    model = Contribution
    extra = 0
    fields = ("year", "party", "amount_sek", "in_kind_description", "in_kind_value_sek")

    def has_add_permission(self, request, obj=None):
        return _editable(obj)

    def has_change_permission(self, request, obj=None):
        return _editable(obj)

    def has_delete_permission(self, request, obj=None):
        return _editable(obj)


class ReportDateInline(ContributionInline):
    model = ReportDate
    fields = ("due_date", "description")


@admin.register(Agreement)
class AgreementAdmin(CaseScopedAdmin, SimpleHistoryAdmin):
    list_display = ("initiative", "term_start", "term_end")
    list_select_related = ("initiative",)
    search_fields = ("initiative__diarienummer", "initiative__title")
    inlines = (ContributionInline, ReportDateInline)
    fields = (
        "initiative",
        "purpose",
        "activities",
        ("term_start", "term_end"),
        "follow_up_clause",
        "knowledge_sharing_clause",
        "repayment_clause",
        "other_clauses",
        ("municipality_signatory", "organisation_signatory"),
        "publishable",
        "public_summary",
    )
    change_form_template = "admin/agreements/agreement/change_form.html"

    def get_readonly_fields(self, request, obj=None):
        if _editable(obj):
            return ("initiative",)
        # Publishing in the public register stays editable after the decision.
        return tuple(f for f in flatten(self.fields) if f not in ("publishable", "public_summary"))

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyCaseAdmin(CaseScopedAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Decision)
class DecisionAdmin(ReadOnlyCaseAdmin):
    list_display = ("initiative", "namnd", "meeting_date", "paragraph", "outcome")
    list_select_related = ("initiative", "namnd")


@admin.register(SentReminder)
class SentReminderAdmin(ReadOnlyCaseAdmin):
    list_display = ("agreement", "kind", "due_date", "recipient", "sent_at")
    list_select_related = ("agreement__initiative",)
    case_path = "agreement__initiative"


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnlyCaseAdmin):
    list_display = ("initiative", "outcome", "evaluated_by", "evaluated_at")
    list_select_related = ("initiative", "evaluated_by")
