"""Staff interface for the nämnd's decisions: read-only records, written by decisions.services."""

from django.contrib import admin

from initiatives.admin import ReadOnlyCaseAdmin

from .models import Decision


@admin.register(Decision)
class DecisionAdmin(ReadOnlyCaseAdmin):
    list_display = ("initiative", "namnd", "meeting_date", "paragraph", "outcome")
    list_select_related = ("initiative", "namnd")
