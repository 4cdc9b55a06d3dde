"""The förvaltning's own work on a case in the admin: start page, registration of initiatives
that came outside the portal, assignment (one case or many), dialogue meetings and bevakningar.

InitiativeAdmin takes these views from CaseWorkAdminMixin; each form page hands its cleaned data
to one service in initiatives.services.
"""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.permissions import is_staff_member
from core.admin import ReadOnlyAdminMixin
from core.forms import add_validation_error
from organisations import services as organisation_services

from . import assignment_services, permissions, selectors, services
from .admin_forms import AssignForm, DialogueMeetingForm, RegistrationForm, WatchDateForm
from .models import OPEN_STATUSES, CaseAssignment, DialogueMeeting, Initiative, WatchDate


class CaseWorkInline(ReadOnlyAdminMixin, admin.TabularInline):
    """Read-only rows of the case page (history, diary, assignments, meetings, revisions);
    they are written through services, never through the inline."""

    extra = 0
    can_delete = False

    def has_view_permission(self, request, obj=None):
        # The case itself is already scoped to the user's förvaltning.
        return is_staff_member(request.user)

    def get_queryset(self, request):
        return related_in_one_query(super().get_queryset(request), self.fields)


def related_in_one_query(queryset, fields):
    """Join the case and every person a read-only row shows, so each row costs no query of its
    own (the tabular inline prints the row's str(), which names the case)."""
    model_fields = {f.name: f for f in queryset.model._meta.get_fields()}
    related = [
        name
        for name in ("initiative", *fields)
        if name in model_fields and model_fields[name].many_to_one
    ]
    return queryset.select_related(*dict.fromkeys(related))


class CaseAssignmentInline(CaseWorkInline):
    model = CaseAssignment
    fields = ("assigned_at", "handlaggare", "assigned_by", "note")
    readonly_fields = fields


class DialogueMeetingInline(CaseWorkInline):
    model = DialogueMeeting
    fields = ("held_on", "participants", "challenge_agreed", "solution_agreed", "recorded_by")
    readonly_fields = fields


class WatchDateInline(CaseWorkInline):
    model = WatchDate
    fields = ("due_date", "what", "responsible", "done_at", "done_by")
    readonly_fields = fields


class CaseChangeList(ChangeList):
    """The queue's rows without the initiative's long texts, which the list never shows."""

    def get_queryset(self, request, exclude_parameters=None):
        return (
            super()
            .get_queryset(request, exclude_parameters)
            .defer(*(f for f in services.DRAFT_FIELDS if f not in LIST_FIELDS))
        )


LIST_FIELDS = {"forvaltning", "title"}


@admin.action(description=gettext_lazy("Tilldela handläggare för markerade ärenden"))
def assign_selected(modeladmin, request, queryset):
    return modeladmin.assign_many_view(request, queryset)


class CaseWorkAdminMixin:
    """The case work pages of InitiativeAdmin (which supplies wrap and the queryset)."""

    def casework_urls(self):
        return [
            path("start/", self.wrap(self.start_view), name="initiatives_initiative_start"),
            path(
                "registrera/",
                self.wrap(self.register_view),
                name="initiatives_initiative_register",
            ),
            path(
                "<int:pk>/tilldela/",
                self.wrap(self.assign_view),
                name="initiatives_initiative_assign",
            ),
            path(
                "<int:pk>/dialogmote/",
                self.wrap(self.dialogue_view),
                name="initiatives_initiative_dialogue",
            ),
            path(
                "<int:pk>/bevakning/",
                self.wrap(self.watch_date_view),
                name="initiatives_initiative_watch_date",
            ),
            path(
                "bevakning/<int:watch_pk>/klar/",
                self.wrap(self.watch_date_done_view),
                name="initiatives_initiative_watch_date_done",
            ),
        ]

    def casework_actions(self, case: Initiative, *, handles: bool) -> dict:
        """What the case page offers for the case work, by the case's status."""
        return {
            "assign_form": handles
            and AssignForm(
                forvaltning_id=case.forvaltning_id,
                initial={"handlaggare": case.handlaggare_id},
                auto_id="assign_%s",
            ),
            "dialogue": handles and case.status in services.DIALOGUE_STATUSES,
            "watch": handles and case.status in OPEN_STATUSES,
            "open_watch_dates": list(
                case.watch_dates.filter(done_at__isnull=True).select_related("responsible")
            ),
        }

    # --- The förvaltning's own work on the case: start page, registration, assignment, dialogue

    def start_view(self, request):
        """The handläggare's start page: their cases, cases waiting, dates due, idle cases."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Mitt arbete"),
            **selectors.staff_start_page(user=request.user),
            "can_register": self._can_register(request),
        }
        return TemplateResponse(request, "admin/initiatives/initiative/start.html", context)

    def _can_register(self, request) -> bool:
        user = request.user
        return self.has_change_permission(request) and permissions.can_register_cases(user)

    def register_view(self, request):
        """Register an initiative that came by e-mail, letter or in person.

        A page of its own rather than the admin's add form: it creates (or picks) the
        organisation and the case together, through two services in one transaction.
        """
        if not self._can_register(request):
            raise PermissionDenied
        form = RegistrationForm(
            request.POST or None,
            user=request.user,
            initial={"received_on": timezone.localdate()},
        )
        if request.method == "POST" and form.is_valid():
            try:
                case = self._register(request, form)
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(
                    request,
                    _("Ärendet är registrerat med diarienummer %(dnr)s.")
                    % {"dnr": case.diarienummer},
                )
                return HttpResponseRedirect(
                    reverse("admin:initiatives_initiative_change", args=[case.pk])
                )
        return self.form_page(
            request, form, title=_("Registrera inkommet initiativ"), fieldsets=form.fieldsets
        )

    @transaction.atomic
    def _register(self, request, form) -> Initiative:
        organisation = form.cleaned_data["organisation"]
        if organisation is None:
            organisation = organisation_services.organisation_register(
                by=request.user, **form.organisation_data()
            )
        forvaltning = form.cleaned_data.get("forvaltning") or request.user.forvaltning
        return services.initiative_register_received(
            by=request.user,
            organisation=organisation,
            forvaltning=forvaltning,
            received_on=form.cleaned_data["received_on"],
            received_via=form.cleaned_data["received_via"],
            **form.initiative_data(),
        )

    def assign_view(self, request, pk):
        case = self.get_scoped_object(request, pk)
        return self.case_form_view(
            request,
            case,
            form=AssignForm(
                request.POST or None,
                forvaltning_id=case.forvaltning_id,
                initial={"handlaggare": case.handlaggare_id},
            ),
            service=assignment_services.initiative_assign,
            title=_("Tilldela handläggare"),
            done=_("Handläggaren är tilldelad."),
        )

    def dialogue_view(self, request, pk):
        case = self.get_scoped_object(request, pk)
        return self.case_form_view(
            request,
            case,
            form=DialogueMeetingForm(
                request.POST or None, initial={"held_on": timezone.localdate()}
            ),
            service=services.dialogue_meeting_record,
            title=_("Anteckna dialogmöte"),
            done=_("Dialogmötet är antecknat."),
        )

    def watch_date_view(self, request, pk):
        case = self.get_scoped_object(request, pk)
        return self.case_form_view(
            request,
            case,
            form=WatchDateForm(
                request.POST or None,
                forvaltning_id=case.forvaltning_id,
                initial={"responsible": request.user.pk},
            ),
            service=services.watch_date_add,
            title=_("Ny bevakning"),
            done=_("Bevakningen är sparad."),
        )

    def watch_date_done_view(self, request, watch_pk):
        if request.method != "POST":
            return HttpResponse(status=405)
        watch = get_object_or_404(
            WatchDate.objects.filter(initiative__in=self.get_queryset(request).values("pk")),
            pk=watch_pk,
        )
        try:
            services.watch_date_complete(watch_date=watch, by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Bevakningen är klarmarkerad."))
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = reverse("admin:initiatives_initiative_change", args=[watch.initiative_id])
        return HttpResponseRedirect(back)

    def case_form_view(
        self, request, case, *, form, service, title, done, allowed=permissions.can_handle_case
    ):
        """A form page for one case whose cleaned data goes to one service; `allowed` says who
        may use it (by default whoever handles the case)."""
        if not allowed(request.user, case):
            raise PermissionDenied
        if request.method == "POST" and form.is_valid():
            try:
                service(initiative=case, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(request, done)
                return HttpResponseRedirect(
                    reverse("admin:initiatives_initiative_change", args=[case.pk])
                )
        return self.form_page(request, form, title=title, original=case)

    def form_page(self, request, form, *, title, original=None, fieldsets=None):
        """Render `form` on the admin case form page (errors beside each field and in a linked
        summary); the later stages' own form pages on a case use it too."""
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": original,
            "title": title,
            "form": form,
            "fieldsets": [
                (name, [form[field] for field in fields if field in form.fields])
                for name, fields in fieldsets or ()
            ],
            "has_view_permission": True,
        }
        return TemplateResponse(request, "admin/initiatives/initiative/case_form.html", context)

    def assign_many_view(self, request, queryset):
        """The bulk action's intermediate page: whom to assign the selected cases to, and why."""
        user = request.user
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        cases = list(queryset)
        if len(cases) != len(set(selected)) and not request.POST.get("select_across"):
            # A forged or stale selection: refuse it all rather than assign part of it.
            messages.error(
                request,
                _(
                    "Några av de markerade ärendena finns inte eller hör inte till din "
                    "förvaltning. Inget har ändrats."
                ),
            )
            return None
        form = AssignForm(
            request.POST if "apply" in request.POST else None,
            user=user,
        )
        if form.is_bound and form.is_valid():
            try:
                assignment_services.initiatives_assign(
                    initiatives=cases,
                    handlaggare=form.cleaned_data["handlaggare"],
                    by=user,
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                handlaggare = form.cleaned_data["handlaggare"]
                messages.success(
                    request,
                    _("%(n)d ärenden har nu %(name)s som handläggare.")
                    % {"n": len(cases), "name": handlaggare.get_full_name() or handlaggare},
                )
                return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Tilldela handläggare"),
            "cases": cases,
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "action": "assign_selected",
        }
        return TemplateResponse(request, "admin/initiatives/initiative/assign_many.html", context)
