"""Staff interface for the nämnd's decisions: read-only records, written by decisions.services;
and the tjänsteutlåtande's configuration per förvaltning (templates and signatories), which
administrators keep, scoped by decisions.permissions."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from accounts.models import User
from accounts.permissions import users_visible
from core.admin import ReadOnlyAdminMixin, ScopedAdmin
from initiatives.admin import CaseScopedAdmin

from . import permissions, tjansteutlatande_services
from .models import Decision, TjansteutlatandeMall, Undertecknare


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdminMixin, CaseScopedAdmin):
    list_display = ("initiative", "namnd", "meeting_date", "paragraph", "outcome")
    list_select_related = ("initiative", "namnd")


class TuConfigurationAdmin(ScopedAdmin):
    """A förvaltning's own rows; the others' answer 404 (ScopedAdmin)."""

    list_select_related = ("forvaltning",)

    def get_queryset(self, request):
        qs = super().get_queryset(request).select_related("forvaltning")
        return permissions.tu_configuration_visible(request.user, qs)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(
            request, obj
        ) and permissions.can_change_tu_configuration(request.user, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        own = permissions.tu_configuration_forvaltningar(request.user)
        if db_field.name == "forvaltning" and own is not None:
            kwargs["queryset"] = own
            kwargs["required"] = True
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(TjansteutlatandeMall)
class TjansteutlatandeMallAdmin(TuConfigurationAdmin):
    list_display = ("name", "forvaltning", "is_default")
    fields = ("name", "key", "forvaltning", "is_default", "sections")


class UndertecknareForm(forms.ModelForm):
    class Meta:
        model = Undertecknare
        fields = ("forvaltning", "roll", "user", "titel")

    def clean(self):
        data = super().clean()
        forvaltning = data.get("forvaltning") or getattr(self.instance, "forvaltning", None)
        user = data.get("user")
        if forvaltning is not None and user is not None:
            try:
                tjansteutlatande_services.undertecknare_check(forvaltning=forvaltning, user=user)
            except ValidationError as error:
                self.add_error(None, error)
        return data


@admin.register(Undertecknare)
class UndertecknareAdmin(TuConfigurationAdmin):
    """Who approves the förvaltning's tjänsteutlåtanden; saved through undertecknare_set."""

    form = UndertecknareForm
    list_display = ("forvaltning", "roll", "user", "titel")
    list_select_related = ("forvaltning", "user")

    def get_readonly_fields(self, request, obj=None):
        # A row is one förvaltning's role; naming someone else in it changes user and titel.
        return ("forvaltning", "roll") if obj is not None else ()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            kwargs["queryset"] = users_visible(
                request.user, User.objects.filter(is_staff=True, is_active=True)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        saved = tjansteutlatande_services.undertecknare_set(
            forvaltning=obj.forvaltning,
            roll=obj.roll,
            user=obj.user,
            titel=obj.titel,
            by=request.user,
        )
        obj.pk = saved.pk
