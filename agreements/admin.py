"""Staff interface for agreements (drafting, versions, comments, signing) and their templates.
Every edit of a draft goes through agreements.services."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.admin import ScopedHistoryAdmin, kronor_display
from core.forms import add_validation_error
from core.responses import pdf_response
from initiatives import extensions
from initiatives.admin import CaseScopedHistoryAdmin
from initiatives.models import Status

from . import documents, drafting, permissions, selectors, services, signing_services
from .admin_forms import ContributionFormSet, SignatureForm, VersionChoiceForm
from .models import (
    Agreement,
    AgreementClause,
    AgreementGoal,
    AgreementTemplate,
    Contribution,
    ReportDate,
    Signature,
    TemplateClause,
)


def _editable(agreement: Agreement | None) -> bool:
    return agreement is not None and agreement.initiative.status == Status.AGREEMENT


class DraftInline(admin.TabularInline):
    extra = 0

    def has_add_permission(self, request, obj=None):
        return _editable(obj)

    def has_change_permission(self, request, obj=None):
        return _editable(obj)

    def has_delete_permission(self, request, obj=None):
        return _editable(obj)


class ClauseInline(admin.StackedInline):
    model = AgreementClause
    extra = 0
    fields = ("heading", "text")
    verbose_name_plural = gettext_lazy("Avtalspunkter (i den ordning de står i avtalet)")
    formfield_overrides = {
        AgreementClause._meta.get_field("text").__class__: {
            "widget": forms.Textarea(attrs={"rows": 4, "cols": 90})
        }
    }

    # The clauses come from the template; they are edited, not added or removed.
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return _editable(obj)

    def has_delete_permission(self, request, obj=None):
        return False


class ContributionInline(DraftInline):
    model = Contribution
    formset = ContributionFormSet
    fields = (
        "year",
        "party",
        "amount_sek",
        "in_kind_type",
        "in_kind_description",
        "in_kind_hours",
        "in_kind_value_sek",
    )
    formfield_overrides = {
        Contribution._meta.get_field("in_kind_description").__class__: {
            "widget": forms.Textarea(attrs={"rows": 2, "cols": 30})
        }
    }
    # Outside drafting the rows are read, and the amounts read as "250 000 kr".
    amount_sek_kronor = kronor_display(Contribution, "amount_sek")
    in_kind_value_sek_kronor = kronor_display(Contribution, "in_kind_value_sek")
    readonly_fields = ("amount_sek_kronor", "in_kind_value_sek_kronor")
    _amounts = {"amount_sek": "amount_sek_kronor", "in_kind_value_sek": "in_kind_value_sek_kronor"}

    def get_fields(self, request, obj=None):
        if _editable(obj):
            return self.fields
        return tuple(self._amounts.get(name, name) for name in self.fields)


class GoalInline(DraftInline):
    model = AgreementGoal
    fields = ("goal", "indicator", "target")
    verbose_name_plural = gettext_lazy(
        "Mål (varje med indikator och målvärde; rapporterna svarar per mål)"
    )
    formfield_overrides = {
        AgreementGoal._meta.get_field("goal").__class__: {
            "widget": forms.Textarea(attrs={"rows": 2, "cols": 40})
        }
    }


class ReportDateInline(DraftInline):
    model = ReportDate
    fields = ("due_date", "description")


@admin.register(Agreement)
class AgreementAdmin(CaseScopedHistoryAdmin):
    list_display = ("initiative", "term_start", "term_end")
    list_select_related = ("initiative",)
    search_fields = ("initiative__diarienummer", "initiative__title")
    inlines = (ClauseInline, GoalInline, ContributionInline, ReportDateInline)
    fields = (
        "initiative",
        ("term_start", "term_end"),
        ("municipality_signatory", "municipality_signatory_title"),
        ("organisation_signatory", "organisation_signatory_title"),
        "publishable",
        "public_summary",
    )
    change_form_template = "admin/agreements/agreement/change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("initiative__organisation")

    def get_readonly_fields(self, request, obj=None):
        if _editable(obj):
            return ("initiative",)
        # Publishing in the public register stays editable after the decision.
        return ("initiative", "term_start", "term_end", *drafting.SIGNATORY_FIELDS)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        agreement = self.get_scoped_object(request, object_id)
        versions = list(selectors.versions_for(agreement=agreement))
        contributions = [
            {name: getattr(c, name) for name in drafting.CONTRIBUTION_FIELDS}
            for c in agreement.contributions.all()
        ]
        status = agreement.initiative.status
        extra_context = {
            **(extra_context or {}),
            "summary": drafting.contribution_summary(contributions),
            "versions": versions,
            "comments": list(selectors.comments_for(agreement=agreement)),
            "editable": status == Status.AGREEMENT,
            "can_sign": status == Status.SIGNING,
            "signatures": list(agreement.signatures.all()),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    # Edits go through agreement_update, which checks the status, validates the whole draft and
    # stores it as a new version; the admin's own saves are not used.
    def save_model(self, request, obj, form, change):
        pass

    def save_formset(self, request, form, formset, change):
        pass

    def save_related(self, request, form, formsets, change):
        agreement = form.instance
        # What the admin's change message reads; the service, not formset.save(), did the work.
        for fs in formsets:
            fs.new_objects, fs.deleted_objects = [], []
            fs.changed_objects = [(f.instance, f.changed_data) for f in fs.forms if f.has_changed()]
        if {"publishable", "public_summary"} & set(form.changed_data):
            try:
                services.agreement_publication_set(
                    agreement=agreement,
                    publishable=form.cleaned_data["publishable"],
                    public_summary=form.cleaned_data["public_summary"],
                    by=request.user,
                )
            except ValidationError as error:
                transaction.set_rollback(True)
                for message in error.messages:
                    messages.error(request, message)
                return
        if not _editable(agreement):
            return
        by_model = {fs.model: fs for fs in formsets}
        kwargs = {
            "fields": {
                name: form.cleaned_data[name]
                for name in services.AGREEMENT_FIELDS
                if name in form.cleaned_data
            }
        }
        if AgreementClause in by_model:
            kwargs["clause_texts"] = {
                f.instance.pk: {
                    "heading": f.cleaned_data["heading"],
                    "text": f.cleaned_data["text"],
                }
                for f in by_model[AgreementClause].forms
                if f.has_changed()
            }
        if AgreementGoal in by_model:
            kwargs["goals"] = _rows(by_model[AgreementGoal], drafting.GOAL_FIELDS)
        if Contribution in by_model:
            kwargs["contributions"] = _rows(by_model[Contribution], drafting.CONTRIBUTION_FIELDS)
        if ReportDate in by_model:
            kwargs["report_dates"] = _rows(by_model[ReportDate], ("due_date", "description"))
        try:
            version = services.agreement_update(agreement=agreement, by=request.user, **kwargs)
        except ValidationError as error:
            # Only a change made by someone else meanwhile gets here (the forms check the rest).
            transaction.set_rollback(True)
            for message in error.messages:
                messages.error(request, message)
            return
        messages.info(request, _("Sparat som version %(n)s.") % {"n": version.number})

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/versioner/", wrap(self.diff_view), name="agreements_agreement_diff"),
            path("<int:pk>/avtal.pdf", wrap(self.pdf_view), name="agreements_agreement_pdf"),
            path(
                "<int:pk>/skicka/",
                wrap(require_POST(self.send_view)),
                name="agreements_agreement_send",
            ),
            path("<int:pk>/underskrift/", wrap(self.sign_view), name="agreements_agreement_sign"),
            *super().get_urls(),
        ]

    def _agreement(self, request, pk) -> Agreement:
        agreement = self.get_scoped_object(request, pk)
        if not permissions.can_change_agreement(request.user, agreement):
            raise PermissionDenied
        return agreement

    def _page(self, request, agreement, template, **context):
        return TemplateResponse(
            request,
            template,
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "original": agreement,
                "has_view_permission": True,
                **context,
            },
        )

    def diff_view(self, request, pk):
        agreement = self._agreement(request, pk)
        numbers = list(agreement.versions.order_by("-number").values_list("number", flat=True))
        choices = [(n, _("Version %(n)s") % {"n": n}) for n in numbers]
        form = VersionChoiceForm(
            request.GET or None,
            initial={"new": numbers[0] if numbers else None, "old": numbers[1:2] or None},
        )
        form.fields["old"].choices = form.fields["new"].choices = choices
        sections = None
        if form.is_bound and form.is_valid():
            pair = agreement.versions.filter(
                number__in=[form.cleaned_data["old"], form.cleaned_data["new"]]
            )
            snaps = {v.number: v.snapshot for v in pair}
            sections = drafting.version_diff(
                snaps[form.cleaned_data["old"]], snaps[form.cleaned_data["new"]]
            )
        return self._page(
            request,
            agreement,
            "admin/agreements/agreement/diff.html",
            title=_("Jämför versioner av avtalet"),
            form=form,
            sections=sections,
        )

    def pdf_view(self, request, pk):
        agreement = self._agreement(request, pk)
        pdf = documents.agreement_pdf(agreement=agreement)
        return pdf_response(pdf, filename=f"avtal-{agreement.initiative.diarienummer}.pdf")

    def send_view(self, request, pk):
        agreement = self._agreement(request, pk)
        try:
            version = services.agreement_send_to_organisation(agreement=agreement, by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("Version %(n)s är skickad till organisationen för synpunkter.")
                % {"n": version.number},
            )
        return HttpResponseRedirect(reverse("admin:agreements_agreement_change", args=[pk]))

    def sign_view(self, request, pk):
        agreement = self._agreement(request, pk)
        form = SignatureForm(
            request.POST or None,
            initial={"signed_on": timezone.localdate(), "method": Signature.Method.PAPER},
        )
        if request.method == "POST" and form.is_valid():
            try:
                signing_services.agreement_sign(
                    agreement=agreement, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(request, _("Underskriften är registrerad."))
                return HttpResponseRedirect(reverse("admin:agreements_agreement_change", args=[pk]))
        return self._page(
            request,
            agreement,
            "admin/agreements/agreement/sign_form.html",
            title=_("Registrera underskrift av avtalet"),
            form=form,
            signatures=list(agreement.signatures.all()),
            notices=_signing_notices(agreement),
        )


def _signing_notices(agreement: Agreement) -> list[str]:
    today = timezone.localdate()
    notices = (f(initiative=agreement.initiative, today=today) for f in extensions.signing_notices)
    return [n for n in notices if n]


def _rows(formset, fields) -> list[dict]:
    """The formset as the complete new list of rows: saved rows keep their id, new rows have
    none, rows marked for deletion and untouched empty extra rows are left out."""
    rows = []
    for form in formset.forms:
        data = form.cleaned_data
        if data.get("DELETE") or (not form.instance.pk and not form.has_changed()):
            continue
        row = {name: data.get(name) for name in fields}
        if form.instance.pk:
            row["id"] = form.instance.pk
        rows.append(row)
    return rows


class TemplateClauseInline(admin.StackedInline):
    model = TemplateClause
    extra = 0
    fields = (("position", "kind"), "heading", "text")


@admin.register(AgreementTemplate)
class AgreementTemplateAdmin(ScopedHistoryAdmin):
    """Each förvaltning keeps its own templates; the standard one (no förvaltning) is shared."""

    list_display = ("name", "forvaltning", "created_at")
    inlines = (TemplateClauseInline,)

    def get_queryset(self, request):
        qs = super().get_queryset(request).select_related("forvaltning")
        return permissions.templates_visible(request.user, qs)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and permissions.can_change_template(
            request.user, obj
        )

    def has_delete_permission(self, request, obj=None):
        return False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        own = permissions.template_forvaltningar(request.user)
        if db_field.name == "forvaltning" and own is not None:
            kwargs["queryset"] = own
            kwargs["required"] = True
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
