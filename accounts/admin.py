"""Staff interface for users and the municipal bodies."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Forvaltning, Kommun, Namnd, User


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    fieldsets = (
        *UserAdmin.fieldsets,
        (_("Förvaltning"), {"fields": ("forvaltning", "title", "phone")}),
    )
    list_display = ("username", "email", "first_name", "last_name", "forvaltning", "is_staff")
    list_filter = ("is_staff", "is_superuser", "forvaltning", "groups")
    list_select_related = ("forvaltning",)


@admin.register(Kommun)
class KommunAdmin(admin.ModelAdmin):
    search_fields = ("name",)


@admin.register(Namnd)
class NamndAdmin(admin.ModelAdmin):
    list_display = ("name", "kommun")
    list_select_related = ("kommun",)


@admin.register(Forvaltning)
class ForvaltningAdmin(admin.ModelAdmin):
    list_display = ("name", "namnd", "diary_prefix", "criteria_set", "contact_name")
    list_select_related = ("namnd", "criteria_set")
