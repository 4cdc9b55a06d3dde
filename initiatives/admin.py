"""Staff interface for cases: the förvaltning's queue, the case page and its lifecycle actions."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.admin import ScopedAdmin, ScopedHistoryAdmin, kronor_display

from . import admin_queue, extensions, permissions, search, selectors
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
                    "requested_amount_per_year_kronor",
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
        "requested_amount_per_year_kronor",
        "requested_other_resources",
    )
    requested_amount_per_year_kronor = kronor_display(Initiative, "requested_amount_per_year")
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

    def changelist_view(self, request, extra_context=None):
        # The queue's own GETs are answered lean (initiatives.admin_queue); Django's changelist
        # answers the rest (actions, popups, raw lookups). Neither shows the navigation sidebar:
        # the table gets the page's width, and the page is spared the app list (a permission
        # check and a URL for every model). The header's links and the breadcrumbs lead on.
        if request.method == "GET" and self.has_view_or_change_permission(request):
            page = admin_queue.queue_page(self, request)
            if page is not None:
                return page
        return super().changelist_view(
            request, {"is_nav_sidebar_enabled": False, **(extra_context or {})}
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Without the navigation sidebar, as the queue: the case's parts get the page's width,
        # and the page is spared the app list (about a tenth of its time).
        return super().change_view(
            request, object_id, form_url, {"is_nav_sidebar_enabled": False, **(extra_context or {})}
        )

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
                self.wrap(self.action_view),
                name="initiatives_initiative_action",
            ),
        ]
        for part in extensions.case_page_parts:
            urls += part.urls(self)
        return urls + super().get_urls()

    def wrap(self, view):
        return self.admin_site.admin_view(view)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Here rather than in change_view: the admin has fetched the case by now, so the parts
        # cost no second fetch of it.
        if obj is not None:
            context.update(self._case_page(request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _case_page(self, request, case: Initiative) -> dict:
        """The case page's buttons: the later stages' parts, by the case's status and the user's
        role, and the case work's own."""
        handles = permissions.can_handle_case(request.user, case)
        parts = []
        for part in extensions.case_page_parts:
            context = part.context(request=request, case=case, handles=handles)
            if context is not None:
                parts.append((part.template, context))
        return {
            "case_parts": parts,
            "case_actions": self.casework_actions(case, handles=handles),
            # The reply link shows only where a reply is taken (not once the case has ended).
            "can_message": permissions.can_message(request.user, case, member=False),
        }

    def action_view(self, request, pk, action):
        return require_POST(self._action)(request, pk, action)

    def _action(self, request, pk, action):
        case = self.get_scoped_object(request, pk)
        handler = extensions.case_page_action(action)
        if handler is None:
            raise Http404
        try:
            return handler(request=request, case=case)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return HttpResponseRedirect(
                reverse("admin:initiatives_initiative_change", args=[case.pk])
            )
