"""Staff interface for users and the municipal bodies."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from core.admin import ScopedAdmin, ScopedAdminMixin

from .models import Forvaltning, Kommun, Namnd, User


@admin.register(User)
class PortalUserAdmin(ScopedAdminMixin, UserAdmin):
    fieldsets = (
        *UserAdmin.fieldsets,
        (_("Förvaltning"), {"fields": ("forvaltning", "title", "phone")}),
    )
    list_display = ("username", "email", "first_name", "last_name", "forvaltning", "is_staff")
    list_filter = ("is_staff", "is_superuser", "forvaltning", "groups")
    list_select_related = ("forvaltning",)

    def get_queryset(self, request):
        # Whoever is given the right to see accounts (a superuser, or staff granted it) sees
        # the staff of their own förvaltning, not every organisation member's account: the
        # admin's autocomplete for users searches this queryset too.
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(is_staff=True, forvaltning_id=request.user.forvaltning_id or -1)


@admin.register(Kommun)
class KommunAdmin(ScopedAdmin):
    search_fields = ("name",)


@admin.register(Namnd)
class NamndAdmin(ScopedAdmin):
    list_display = ("name", "kommun")
    list_select_related = ("kommun",)


@admin.register(Forvaltning)
class ForvaltningAdmin(ScopedAdmin):
    list_display = ("name", "namnd", "diary_prefix", "criteria_set", "contact_name")
    list_select_related = ("namnd", "criteria_set")
