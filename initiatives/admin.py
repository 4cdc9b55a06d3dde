"""Staff interface for cases: the förvaltning's queue, the case page and its lifecycle actions."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from agreements import services as agreement_services
from agreements.models import Agreement
from assessments import services as assessment_services
from assessments.models import Assessment
from core.admin import ScopedAdmin, ScopedHistoryAdmin
from core.fields import model_formfield
from core.responses import pdf_response
from decisions import documents
from decisions import permissions as decision_permissions
from decisions import services as decision_services
from decisions.models import Decision
from term import services as term_services
from term.models import Evaluation, FollowUpReport

from . import permissions, search, selectors
from .admin_casework import (
    CaseAssignmentInline,
    CaseChangeList,
    CaseWorkAdminMixin,
    CaseWorkInline,
    DialogueMeetingInline,
    WatchDateInline,
    assign_selected,
)
from .admin_filters import DueFilter, HandlaggareFilter, YearFilter
from .admin_messages import CaseMessageInline
from .models import DiaryEntry, Initiative, Status, StatusChange


class CaseScopeMixin:
    """Rows that belong to a case: staff see only their own förvaltning's."""

    case_path = "initiative"  # the lookup from this model to its case

    def get_queryset(self, request):
        scope = permissions.staff_scope(request.user, self.case_path)
        return super().get_queryset(request).filter(scope)


class CaseScopedAdmin(CaseScopeMixin, ScopedAdmin):
    """Admin for rows that belong to a case."""


class CaseScopedHistoryAdmin(CaseScopeMixin, ScopedHistoryAdmin):
    """Admin for history-tracked rows that belong to a case."""


class StatusChangeInline(CaseWorkInline):
    model = StatusChange
    fields = ("changed_at", "from_status", "to_status", "changed_by", "note")
    readonly_fields = fields
    verbose_name_plural = gettext_lazy("Statushistorik")


class DiaryEntryInline(CaseWorkInline):
    model = DiaryEntry
    fields = ("received_at", "document", "sender", "subject", "registered_by")
    readonly_fields = fields


class DecisionForm(forms.Form):
    meeting_date = model_formfield(
        Decision,
        "meeting_date",
        label=gettext_lazy("Sammanträdesdatum"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    paragraph = model_formfield(Decision, "paragraph", label=gettext_lazy("Paragraf (§)"))
    outcome = forms.ChoiceField(label=gettext_lazy("Utfall"), choices=Decision.Outcome.choices)
    decision_text = model_formfield(
        Decision, "decision_text", label=gettext_lazy("Nämndens beslut"), help_text=""
    )
    decision_process = model_formfield(
        Decision, "decision_process", label=gettext_lazy("Beslutsgång"), required=False
    )
    adjusted_immediately = forms.BooleanField(
        label=gettext_lazy("Paragrafen justerades omedelbart"), required=False
    )


class EvaluationForm(forms.Form):
    goal_fulfilment = model_formfield(
        Evaluation, "goal_fulfilment", label=gettext_lazy("Måluppfyllelse")
    )
    what_worked = model_formfield(
        Evaluation, "what_worked", label=gettext_lazy("Vad som fungerade (framgångsfaktorer)")
    )
    what_did_not_work = model_formfield(
        Evaluation, "what_did_not_work", label=gettext_lazy("Vad som inte fungerade")
    )
    knowledge_gained = model_formfield(
        Evaluation, "knowledge_gained", label=gettext_lazy("Kunskap som partnerskapet gett")
    )
    outcome = forms.ChoiceField(
        label=gettext_lazy("Fortsättning"), choices=Evaluation.Outcome.choices
    )


DJANGO_SELECT_ROW = "Select this object for an action - {}"


@admin.register(Initiative)
class InitiativeAdmin(CaseWorkAdminMixin, ScopedHistoryAdmin):
    list_display = (
        "diarienummer",
        "organisation_column",
        "title",
        "status",
        "handlaggare_column",
        "days_since_change",
        "next_due_column",
    )
    # One link a row: a screen reader lists each link, and every link costs a reverse().
    list_display_links = ("diarienummer",)
    list_filter = ("status", HandlaggareFilter, YearFilter, DueFilter, "forvaltning")
    list_select_related = ("organisation", "forvaltning", "handlaggare")
    search_fields = ("diarienummer", "title", "organisation__name", "organisation__org_number")
    search_help_text = gettext_lazy(
        "Sök på diarienummer, organisationens namn eller organisationsnummer (med eller utan "
        "bindestreck), eller ord i rubriken."
    )
    ordering = ("-submitted_at", "-id")
    list_per_page = 50
    # The total beside a filtered count costs a second COUNT over the whole queue.
    show_full_result_count = False
    actions = (assign_selected,)
    change_list_template = "admin/initiatives/initiative/change_list.html"
    fieldsets = (
        (
            gettext_lazy("Ärendet"),
            {
                "fields": (
                    "diarienummer",
                    "status",
                    "forvaltning",
                    "handlaggare",
                    "submitted_at",
                    "received_via",
                )
            },
        ),
        (gettext_lazy("Organisation"), {"fields": ("organisation",)}),
        (
            gettext_lazy("Initiativet"),
            {
                "fields": (
                    "title",
                    "challenge",
                    "activity",
                    "target_group",
                    "political_programme",
                    "term_start",
                    "term_end",
                    "own_contribution",
                    "requested_amount_per_year",
                    "requested_other_resources",
                )
            },
        ),
    )
    # Everything on the case page is read-only: changes go through the case's own forms (assign,
    # dialogue, bevakning, lifecycle), each calling one service.
    readonly_fields = (
        "diarienummer",
        "status",
        "forvaltning",
        "handlaggare",
        "submitted_at",
        "received_via",
        "organisation",
        "title",
        "challenge",
        "activity",
        "target_group",
        "political_programme",
        "term_start",
        "term_end",
        "own_contribution",
        "requested_amount_per_year",
        "requested_other_resources",
    )
    inlines = (
        StatusChangeInline,
        DiaryEntryInline,
        CaseAssignmentInline,
        DialogueMeetingInline,
        WatchDateInline,
        CaseMessageInline,
    )
    change_form_template = "admin/initiatives/initiative/change_form.html"

    def get_queryset(self, request):
        return selectors.case_queue(user=request.user)

    def get_changelist(self, request, **kwargs):
        return CaseChangeList

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        # A draft is the organisation's own until it is submitted: its versions from before
        # then are not the municipality's to read, on the history list or the version page.
        return (
            super()
            .get_history_queryset(request, history_manager, pk_name, object_id)
            .exclude(status=Status.DRAFT)
        )

    def get_list_filter(self, request):
        if request.user.is_superuser:
            return self.list_filter
        # Staff only ever see their own förvaltning's cases; filtering by it would be noise.
        return tuple(f for f in self.list_filter if f != "forvaltning")

    def get_search_results(self, request, queryset, search_term):
        return search.case_search(queryset, search_term)

    def action_checkbox(self, obj):
        """The row's checkbox, written out directly: rendering 50 checkbox widgets through the
        form renderer's templates was about a third of the list's rendering time."""
        # Django's own message, translated by Django's catalogue (not marked for ours).
        label = format_html(_(DJANGO_SELECT_ROW), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            label,
        )

    @admin.display(description=gettext_lazy("organisation"), ordering="organisation__name")
    def organisation_column(self, obj):
        return obj.organisation.name

    @admin.display(description=gettext_lazy("handläggare"), ordering="handlaggare__last_name")
    def handlaggare_column(self, obj):
        if obj.handlaggare is None:
            return "–"
        return obj.handlaggare.get_full_name() or obj.handlaggare.username

    # Sorted by updated_at, which every status change also sets (initiative_transition saves
    # it), so the order is the same as by last_activity but an index can serve it.
    @admin.display(description=gettext_lazy("dagar sedan ändring"), ordering="updated_at")
    def days_since_change(self, obj):
        return (timezone.localdate() - timezone.localdate(obj.last_activity)).days

    @admin.display(description=gettext_lazy("nästa datum"), ordering="next_due")
    def next_due_column(self, obj):
        if obj.next_due is None:
            return "–"
        if obj.next_due < timezone.localdate():
            return format_html(
                '<strong class="overdue">{} ({})</strong>', obj.next_due.isoformat(), _("försenat")
            )
        return obj.next_due.isoformat()

    def has_add_permission(self, request):
        # Cases come in through the portal, or are registered by staff on the registration
        # page (see register_view): never made bare in the admin's add form.
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        # Nothing on the case page is editable; its forms call the services instead.
        pass

    def get_urls(self):
        urls = [
            *self.casework_urls(),
            path(
                "<int:pk>/handling/<str:action>/",
                self._wrap(self.action_view),
                name="initiatives_initiative_action",
            ),
            path(
                "<int:pk>/tjansteutlatande.pdf",
                self._wrap(self.tjansteutlatande_view),
                name="initiatives_initiative_tjansteutlatande",
            ),
            path(
                "<int:pk>/beslut/",
                self._wrap(self.decision_view),
                name="initiatives_initiative_decision",
            ),
            path(
                "<int:pk>/beslut/<int:decision_pk>/protokollsutdrag.pdf",
                self._wrap(self.protokollsutdrag_view),
                name="initiatives_initiative_protokollsutdrag",
            ),
            path(
                "<int:pk>/utvardering/",
                self._wrap(self.evaluation_view),
                name="initiatives_initiative_evaluation",
            ),
        ]
        return urls + super().get_urls()

    def _wrap(self, view):
        return self.admin_site.admin_view(view)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        case = self.get_scoped_object(request, object_id)
        extra_context = {**(extra_context or {}), "case_actions": self._case_actions(request, case)}
        return super().change_view(request, object_id, form_url, extra_context)

    def _case_actions(self, request, case: Initiative) -> dict:
        """Which lifecycle buttons this user gets on this case, by its status and their role."""
        user = request.user
        handles = permissions.can_handle_case(user, case)
        assessment = Assessment.objects.filter(initiative=case).first()
        agreement = Agreement.objects.filter(initiative=case).first()
        return {
            "start_assessment": handles and case.status == Status.SUBMITTED,
            "assessment": assessment,
            "create_agreement": handles and case.status == Status.AGREEMENT and agreement is None,
            "agreement": agreement,
            "submit_for_decision": handles and case.status == Status.AGREEMENT and agreement,
            "export": decision_permissions.can_export_documents(user, case)
            and assessment is not None,
            "record_decision": decision_permissions.can_record_decision(user, case)
            and case.status == Status.DECISION,
            "decisions": list(case.decisions.select_related("namnd")),
            "evaluate": handles and case.status == Status.ACTIVE,
            "evaluation": Evaluation.objects.filter(initiative=case).first(),
            "reports": list(
                FollowUpReport.objects.filter(report_date__agreement__initiative=case)
                .select_related("report_date")
                .order_by("report_date__due_date")
            ),
            **self.casework_actions(case, handles=handles),
        }

    def action_view(self, request, pk, action):
        return require_POST(self._action)(request, pk, action)

    def _action(self, request, pk, action):
        case = self.get_scoped_object(request, pk)
        change_url = reverse("admin:initiatives_initiative_change", args=[case.pk])
        try:
            if action == "start_assessment":
                assessment = assessment_services.assessment_start(initiative=case, by=request.user)
                messages.success(request, _("Bedömningen är påbörjad."))
                return HttpResponseRedirect(
                    reverse("admin:assessments_assessment_change", args=[assessment.pk])
                )
            if action == "create_agreement":
                agreement = agreement_services.agreement_create_draft(
                    initiative=case, by=request.user
                )
                messages.success(request, _("Ett avtalsutkast är skapat från ärendets uppgifter."))
                return HttpResponseRedirect(
                    reverse("admin:agreements_agreement_change", args=[agreement.pk])
                )
            if action == "submit_for_decision":
                agreement_services.agreement_submit_for_decision(
                    agreement=case.agreement, by=request.user
                )
                messages.success(request, _("Ärendet ligger nu för beslut i nämnden."))
                return HttpResponseRedirect(change_url)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return HttpResponseRedirect(change_url)
        raise Http404

    def tjansteutlatande_view(self, request, pk):
        case = self.get_scoped_object(request, pk)
        if not decision_permissions.can_export_documents(request.user, case):
            raise PermissionDenied
        try:
            pdf = documents.tjansteutlatande_pdf(initiative=case)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return HttpResponseRedirect(
                reverse("admin:initiatives_initiative_change", args=[case.pk])
            )
        return pdf_response(pdf, filename=f"tjansteutlatande-{case.diarienummer}.pdf")

    def protokollsutdrag_view(self, request, pk, decision_pk):
        case = self.get_scoped_object(request, pk)
        if not decision_permissions.can_export_documents(request.user, case):
            raise PermissionDenied
        decision = get_object_or_404(Decision, pk=decision_pk, initiative=case)
        pdf = documents.protokollsutdrag_pdf(decision=decision)
        return pdf_response(
            pdf, filename=f"protokollsutdrag-{case.diarienummer}-p{decision.paragraph}.pdf"
        )

    def decision_view(self, request, pk):
        return self._case_form_view(
            request,
            self.get_scoped_object(request, pk),
            allowed=decision_permissions.can_record_decision,
            form=DecisionForm(
                request.POST or None,
                initial={
                    "meeting_date": timezone.localdate(),
                    "outcome": Decision.Outcome.APPROVED,
                },
            ),
            service=decision_services.decision_record,
            title=_("Registrera nämndens beslut"),
            done=_("Nämndens beslut är registrerat."),
        )

    def evaluation_view(self, request, pk):
        return self._case_form_view(
            request,
            self.get_scoped_object(request, pk),
            form=EvaluationForm(request.POST or None),
            service=term_services.evaluation_record,
            title=_("Utvärdera partnerskapet"),
            done=_("Utvärderingen är registrerad och ärendet avslutat."),
        )
