"""Staff side of the reminders: each förvaltning's rules, and the reminders sent (read-only)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.models import Forvaltning
from core.admin import ReadOnlyAdminMixin, ScopedAdmin
from initiatives.admin import CaseScopedAdmin

from . import permissions
from .models import ReminderRule, SentReminder


@admin.register(ReminderRule)
class ReminderRuleAdmin(ScopedAdmin):
    list_display = (
        "forvaltning",
        "date_kind",
        "days",
        "direction",
        "to_contact",
        "to_handlaggare",
        "to_sakkunnig",
        "repeat_every_days",
        "repeats",
        "escalate",
        "active",
    )
    list_filter = ("date_kind", "active")
    list_select_related = ("forvaltning",)
    fieldsets = (
        (None, {"fields": ("forvaltning", "date_kind", "days", "direction", "active")}),
        (
            _("Mottagare"),
            {"fields": ("to_contact", "to_handlaggare", "to_sakkunnig")},
        ),
        (
            _("Försenat"),
            {"fields": ("repeat_every_days", "repeats", "escalate")},
        ),
    )

    def get_queryset(self, request):
        return permissions.rules_visible(request.user, super().get_queryset(request))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "forvaltning":
            kwargs["queryset"] = permissions.forvaltningar_for_rules(
                request.user, Forvaltning.objects.all()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_delete_permission(self, request, obj=None):
        # A rule that has sent reminders keeps them; switch it off instead.
        if obj is not None and obj.sent.exists():
            return False
        return super().has_delete_permission(request, obj)


@admin.register(SentReminder)
class SentReminderAdmin(ReadOnlyAdminMixin, CaseScopedAdmin):
    list_display = ("initiative", "rule", "due_date", "round", "recipient", "sent_at")
    list_select_related = ("initiative", "rule__forvaltning")
