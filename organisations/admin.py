"""Staff interface for organisations: the profile, memberships and documents.

Every change goes through the organisation services, as on the organisation's own pages:
organisation_update (the organisationsnummer lock, bankgiro in the usual form) and member_add,
member_change_role and member_remove (an organisation keeps at least one firmatecknare).
Handläggare only read here; a superuser (or staff given the change permission) edits.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.models import BaseInlineFormSet
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.admin import ScopedHistoryAdmin

from . import member_services, permissions, services
from .models import Membership, Organisation, OrganisationDocument

FIRMA = Membership.Role.FIRMATECKNARE


class MembershipForm(forms.ModelForm):
    end = forms.BooleanField(
        label=gettext_lazy("Avsluta"),
        required=False,
        help_text=gettext_lazy("Personen slutar företräda organisationen; raden finns kvar."),
    )

    class Meta:
        model = Membership
        fields = ("user", "role")
        labels = {"user": gettext_lazy("Person")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._name_controls()
        if self.instance.pk is None:
            self.fields["end"].disabled = True
            return
        # Who a membership is for never changes; an ended one is history.
        self.fields["user"].disabled = True
        if self.instance.ended_at is not None:
            for name in ("role", "end"):
                self.fields[name].disabled = True

    def _name_controls(self):
        """A table row's controls are not tied to the column headings: name each one, by the
        person the row is for when it has one (WCAG 1.3.1, 4.1.2)."""
        person = self.instance.user if self.instance.user_id else None
        if person is None:
            names = {"user": _("Person"), "role": _("Roll"), "end": _("Avsluta medlemskapet")}
        else:
            names = {
                "user": _("Person"),
                "role": _("Roll för %(person)s") % {"person": person},
                "end": _("Avsluta medlemskapet för %(person)s") % {"person": person},
            }
        for name, label in names.items():
            self.fields[name].widget.attrs["aria-label"] = label


class MembershipFormSet(BaseInlineFormSet):
    def clean(self):
        """The last firmatecknare rule, checked here so it shows on the form; the services
        check it again with the organisation locked."""
        super().clean()
        if any(self.errors):
            return
        before = after = 0
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if form.instance.pk is None:
                after += bool(data.get("user")) and data.get("role") == FIRMA
                continue
            if form.instance.ended_at is not None:
                continue
            before += form.initial.get("role") == FIRMA
            after += data.get("role") == FIRMA and not data.get("end")
        if before and not after:
            raise ValidationError(
                _(
                    "Organisationen måste ha minst en firmatecknare. Gör någon annan till "
                    "firmatecknare först."
                ),
                code="last_firmatecknare",
            )


class MembershipInline(admin.TabularInline):
    model = Membership
    form = MembershipForm
    formset = MembershipFormSet
    extra = 0
    autocomplete_fields = ("user",)
    fields = ("user", "role", "end", "started_at", "ended_at", "ended_by")
    readonly_fields = ("started_at", "ended_at", "ended_by")
    # A membership that ends keeps its row ("slutade") so past actions keep their context.
    can_delete = False

    def get_queryset(self, request):
        # Each row is named by its person (MembershipForm._name_controls).
        return super().get_queryset(request).select_related("user", "ended_by")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=False, is_active=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class OrganisationDocumentInline(admin.TabularInline):
    model = OrganisationDocument
    extra = 0
    can_delete = False
    fields = ("kind", "year", "download", "uploaded_by", "uploaded_at")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("fil"))
    def download(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.original_name)


class OrganisationAdminForm(forms.ModelForm):
    acting_user = None  # set per request by OrganisationAdmin.get_form

    class Meta:
        model = Organisation
        fields = services.PROFILE_FIELDS

    def clean_org_number(self):
        # The instance still holds the saved number here (the form writes it afterwards).
        return services.org_number_check(
            organisation=self.instance,
            org_number=self.cleaned_data["org_number"],
            by=self.acting_user,
        )


@admin.register(Organisation)
class OrganisationAdmin(ScopedHistoryAdmin):
    form = OrganisationAdminForm
    fields = services.PROFILE_FIELDS
    list_display = ("name", "org_number", "legal_form", "city", "contact_name")
    search_fields = ("name", "org_number")
    list_filter = ("legal_form",)
    inlines = (MembershipInline, OrganisationDocumentInline)

    def get_queryset(self, request):
        return permissions.visible_organisations(request.user)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.acting_user = request.user  # a class made for this request
        return form

    def has_add_permission(self, request):
        # Organisations are made by their members on the portal, or by staff registering an
        # initiative that came on paper (organisation_register); never bare in the admin.
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        fields = {
            name: form.cleaned_data[name]
            for name in form.changed_data
            if name in services.PROFILE_FIELDS
        }
        if fields:
            self._through_service(
                request,
                services.organisation_update,
                organisation=obj,
                by=request.user,
                **fields,
            )

    def save_formset(self, request, form, formset, change):
        if formset.model is not Membership:
            return super().save_formset(request, form, formset, change)
        adds, roles, ends = [], [], []
        for f in formset.forms:
            if not f.has_changed():
                continue
            data = f.cleaned_data
            if f.instance.pk is None:
                adds.append(data)
                continue
            if "role" in f.changed_data:
                roles.append((f.instance, data["role"]))
            if data.get("end"):
                ends.append(f.instance)
        by = request.user
        # New firmatecknare first, removals last: the rule holds at every step.
        for data in adds:
            self._through_service(
                request,
                member_services.member_add,
                organisation=form.instance,
                by=by,
                user=data["user"],
                role=data["role"],
            )
        for membership, role in roles:
            self._through_service(
                request,
                member_services.member_change_role,
                membership=membership,
                by=by,
                role=role,
            )
        for membership in ends:
            self._through_service(
                request, member_services.member_remove, membership=membership, by=by
            )
        # What the admin's change message reads, as formset.save() would have set it.
        formset.new_objects, formset.deleted_objects = [], []
        formset.changed_objects = [
            (f.instance, f.changed_data) for f in formset.forms if f.instance.pk and f.has_changed()
        ]

    def _through_service(self, request, service, **kwargs):
        """Call one service; a refusal that only the locked row could see (a change made by
        someone else meanwhile) undoes the whole save and is shown as a message."""
        try:
            return service(**kwargs)
        except ValidationError as error:
            transaction.set_rollback(True)
            for message in error.messages:
                messages.error(request, message)
            return None
