"""Staff interface for the nämnd's decisions: read-only records, written by decisions.services."""

from django.contrib import admin

from core.admin import ReadOnlyAdminMixin
from initiatives.admin import CaseScopedAdmin

from .models import Decision


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdminMixin, CaseScopedAdmin):
    list_display = ("initiative", "namnd", "meeting_date", "paragraph", "outcome")
    list_select_related = ("initiative", "namnd")
