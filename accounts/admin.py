"""Staff interface for users and the municipal bodies."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from core.admin import ScopedAdmin, ScopedAdminMixin

from . import permissions
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
        return permissions.users_visible(request.user, super().get_queryset(request))

    def page_opens(self, user, obj) -> bool:
        # A read-only field naming a person links here only when this holds (core.admin_links).
        return permissions.account_page_opens(user, obj)


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
