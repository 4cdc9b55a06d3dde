"""Staff side of the term: follow-up reports, sent reminders, evaluations (with their judgement
per goal) and early terminations, all read-only; each scoped by term.permissions."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy

from core.admin import ReadOnlyAdminMixin, ScopedAdmin, kronor_display
from initiatives.admin import CaseScopedAdmin
from initiatives.admin_messages import attachment_links

from . import permissions, report_selectors
from .models import (
    Evaluation,
    EvaluationGoal,
    FollowUpReport,
    FollowUpReportLine,
    SentReminder,
    Termination,
)


def person_display(model, name: str):
    """A read-only field naming the person in `name`, without the admin's link to their account
    page (which only the superuser may open; a handläggare would meet a 403 or a 404)."""
    field = model._meta.get_field(name)

    @admin.display(description=field.verbose_name)
    def show(*args):
        person = getattr(args[-1], name)
        return (person.get_full_name() or person.get_username()) if person else "–"

    show.__name__ = f"{name}_name"
    return show


class FollowUpReportLineInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = FollowUpReportLine
    extra = 0
    fields = ("contribution", "amount_used_sek_kronor")
    readonly_fields = fields
    amount_used_sek_kronor = kronor_display(FollowUpReportLine, "amount_used_sek")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("contribution")


@admin.register(FollowUpReport)
class FollowUpReportAdmin(ReadOnlyAdminMixin, ScopedAdmin):
    list_display = ("report_date", "case", "submitted_at", "submitted_by")
    list_select_related = ("report_date__agreement__initiative", "submitted_by")
    search_fields = ("report_date__agreement__initiative__diarienummer",)
    fields = (
        "case",
        "review",
        "flags",
        "report_date",
        "submitted_at",
        "submitted_by_name",
        "activities_done",
        "participants_reached",
        "deviations",
        "files",
    )
    readonly_fields = fields
    inlines = (FollowUpReportLineInline,)
    submitted_by_name = person_display(FollowUpReport, "submitted_by")

    def get_queryset(self, request):
        reports = permissions.follow_up_reports_visible(request.user, super().get_queryset(request))
        return reports.prefetch_related("attachments")

    @admin.display(description=gettext_lazy("ärende"))
    def case(self, obj):
        initiative = obj.report_date.agreement.initiative
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:initiatives_initiative_change", args=[initiative.pk]),
            initiative,
        )

    def _view(self, obj):
        # The change page reads both fields below from one look at the versions.
        if getattr(obj, "_review_view", None) is None:
            obj._review_view = report_selectors.report_view(report=obj)
        return obj._review_view

    @admin.display(description=gettext_lazy("granskning"))
    def review(self, obj):
        initiative = obj.report_date.agreement.initiative
        view = self._view(obj)
        return format_html(
            '{} (version {}) – <a href="{}">{}</a>',
            view.status.label,
            view.latest.number,
            reverse("admin:initiatives_initiative_report_review", args=[initiative.pk, obj.pk]),
            gettext_lazy("Granska och läs alla versioner"),
        )

    @admin.display(description=gettext_lazy("att se över"))
    def flags(self, obj):
        flags = self._view(obj).flags
        if not flags:
            return "–"
        return format_html(
            "<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((f,) for f in flags))
        )

    @admin.display(description=gettext_lazy("bilagor"))
    def files(self, obj):
        return attachment_links(obj.attachments.all())


@admin.register(SentReminder)
class SentReminderAdmin(ReadOnlyAdminMixin, CaseScopedAdmin):
    list_display = ("agreement", "kind", "due_date", "recipient", "sent_at")
    list_select_related = ("agreement__initiative",)
    case_path = "agreement__initiative"


class EvaluationGoalInline(ReadOnlyAdminMixin, admin.TabularInline):
    """The evaluation's judgement of each of the agreement's goals."""

    model = EvaluationGoal
    extra = 0
    fields = ("goal", "judgement", "comment")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("goal")


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnlyAdminMixin, ScopedAdmin):
    list_display = ("initiative", "outcome", "evaluated_by", "evaluated_at")
    list_select_related = ("initiative", "evaluated_by")
    inlines = (EvaluationGoalInline,)
    fields = (
        "initiative",
        "outcome",
        "no_final_report_reason",
        "goal_fulfilment",
        "what_worked",
        "what_did_not_work",
        "knowledge_gained",
        "knowledge_sharing",
        "evaluated_by_name",
        "evaluated_at",
    )
    readonly_fields = fields
    evaluated_by_name = person_display(Evaluation, "evaluated_by")

    def get_queryset(self, request):
        return permissions.evaluations_visible(request.user, super().get_queryset(request))


@admin.register(Termination)
class TerminationAdmin(ReadOnlyAdminMixin, ScopedAdmin):
    """The early terminations (uppsägningar): recorded on the case page, read here."""

    # The first column links to the termination's page, so it names the case as plain text (a
    # link inside the row's link would have no name of its own).
    list_display = (
        "case_name",
        "ends_on",
        "repayment_sek_kronor",
        "terminated_by",
        "terminated_at",
    )
    list_select_related = ("agreement__initiative", "terminated_by")
    search_fields = ("agreement__initiative__diarienummer", "agreement__initiative__title")
    fields = (
        "case",
        "reason",
        "ends_on",
        "repayment_sek_kronor",
        "terminated_by_name",
        "terminated_at",
    )
    readonly_fields = fields
    repayment_sek_kronor = kronor_display(Termination, "repayment_sek")
    terminated_by_name = person_display(Termination, "terminated_by")

    def get_queryset(self, request):
        return permissions.terminations_visible(request.user, super().get_queryset(request))

    @admin.display(description=gettext_lazy("ärende"), ordering="agreement__initiative")
    def case_name(self, obj):
        return str(obj.agreement.initiative)

    @admin.display(description=gettext_lazy("ärende"), ordering="agreement__initiative")
    def case(self, obj):
        initiative = obj.agreement.initiative
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:initiatives_initiative_change", args=[initiative.pk]),
            initiative,
        )
