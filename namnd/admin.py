"""Staff interface for the nämnd's meetings ("Sammanträden"): the meeting page (members, the
föredragningslista, justering, anslag) and the § page (the decision's content). Both pages
post named actions that each call one service."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Namnd
from accounts.permissions import users_visible
from core.admin import ScopedAdmin
from initiatives.models import Initiative, Status

from . import admin_documents, forms, justering_services, permissions, selectors, services
from .models import Paragraf, Sammantrade


def _errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _form_errors(request, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


def _run(request, form, call, done) -> None:
    """Validate the posted form, run the service, tell the user what happened."""
    if form is not None and not form.is_valid():
        _form_errors(request, form)
        return
    try:
        call(form.cleaned_data if form is not None else {})
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, done)


@admin.register(Sammantrade)
class SammantradeAdmin(ScopedAdmin):
    list_display = ("date", "time", "namnd", "place", "status")
    list_filter = ("status", "namnd")
    date_hierarchy = "date"
    form = forms.MeetingForm

    def get_queryset(self, request):
        return permissions.meetings_visible(
            request.user, super().get_queryset(request).select_related("namnd")
        )

    def has_module_permission(self, request):
        return permissions.can_view_meetings(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.can_view_meetings(request.user)

    def has_add_permission(self, request):
        return permissions.can_create_meeting(request.user)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "namnd":
            scope = Namnd.objects.all()
            if not request.user.is_superuser:
                scope = scope.filter(forvaltning__id=request.user.forvaltning_id)
            kwargs["queryset"] = scope
        elif db_field.name in ("ordforande", "sekreterare"):
            kwargs["queryset"] = users_visible(request.user).filter(is_active=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "justerare":
            kwargs["queryset"] = users_visible(request.user).filter(is_active=True)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        meeting = services.meeting_create(
            by=request.user,
            namnd=data["namnd"],
            date=data["date"],
            time=data["time"],
            place=data["place"],
            ordforande=data.get("ordforande"),
            sekreterare=data.get("sekreterare"),
            justerare=data.get("justerare") or (),
        )
        obj.pk = meeting.pk

    def save_related(self, request, form, formsets, change):
        """meeting_create has set the justerare."""

    def response_add(self, request, obj, post_url_continue=None):
        messages.success(request, _("Sammanträdet är skapat."))
        return HttpResponseRedirect(reverse("admin:namnd_sammantrade_change", args=[obj.pk]))

    def get_urls(self):
        return admin_documents.urls(self) + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        meeting = self.get_scoped_object(request, object_id)
        user = request.user
        manage = permissions.can_manage_meeting(user, meeting)
        cases = Initiative.objects.filter(
            status=Status.DECISION, forvaltning__namnd_id=meeting.namnd_id
        ).exclude(paragrafer__sammantrade=meeting)
        if request.method == "POST":
            self._post(request, meeting, manage=manage, cases=cases)
            return HttpResponseRedirect(request.path)
        agenda = list(selectors.meeting_agenda(meeting=meeting))
        justeringar = list(meeting.justeringar.filter(paragraf__isnull=True))
        anslag = meeting.anslag.filter(paragraf__isnull=True).first()
        open_ = manage and not meeting.is_justerat
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": meeting,
            "title": str(meeting),
            "has_view_permission": True,
            "documents": admin_documents.context(request=request, meeting=meeting),
            "manage": manage,
            "open": open_,
            "members": list(meeting.ledamoter.all()),
            "justerare": list(meeting.justerare.all()),
            "agenda": agenda,
            "unnumbered": any(p.number is None for p in agenda),
            "justeringar": justeringar,
            "may_justera": permissions.can_justera(user, meeting)
            and not meeting.is_justerat
            and all(j.user_id != user.pk for j in justeringar),
            "anslag": anslag,
            "member_form": forms.MemberForm(prefix="member") if open_ else None,
            "agenda_form": forms.AgendaAddForm(prefix="agenda", cases=cases) if open_ else None,
            "anslag_form": forms.AnslagForm(
                prefix="anslag", initial={"posted_on": timezone.localdate()}
            )
            if manage and meeting.is_justerat and anslag is None
            else None,
        }
        return TemplateResponse(request, "admin/namnd/sammantrade/meeting.html", context)

    def _post(self, request, meeting, *, manage, cases):
        action, user, post = request.POST.get("action"), request.user, request.POST
        if action == "justera":
            _run(
                request,
                None,
                lambda d: justering_services.justering_confirm(meeting=meeting, by=user),
                _("Din justering är registrerad."),
            )
            return
        if not manage:
            raise PermissionDenied
        if action == "member_add":
            _run(
                request,
                forms.MemberForm(post, prefix="member"),
                lambda d: services.meeting_member_add(meeting=meeting, by=user, **d),
                _("Ledamoten är tillagd."),
            )
        elif action == "agenda_add":
            _run(
                request,
                forms.AgendaAddForm(post, prefix="agenda", cases=cases),
                lambda d: services.agenda_item_add(meeting=meeting, by=user, **d),
                _("Ärendet är uppfört på föredragningslistan."),
            )
        elif action == "agenda_reorder":
            _run(
                request,
                None,
                lambda d: services.agenda_reorder(
                    meeting=meeting, by=user, order=_posted_order(post, meeting)
                ),
                _("Föredragningslistans ordning är sparad."),
            )
        elif action == "numbers_assign":
            _run(
                request,
                None,
                lambda d: services.paragraf_numbers_assign(meeting=meeting, by=user),
                _("Ärendena har fått paragrafnummer."),
            )
        elif action == "anslag":
            _run(
                request,
                forms.AnslagForm(post, prefix="anslag"),
                lambda d: justering_services.anslag_publish(meeting=meeting, by=user, **d),
                _("Protokollet är anslaget på anslagstavlan."),
            )
        else:
            raise PermissionDenied


def _posted_order(post, meeting) -> list[int]:
    """The list's ids sorted by the positions typed in (ties keep the current order)."""
    rows = []
    for index, pk in enumerate(
        meeting.paragrafer.order_by("order", "pk").values_list("pk", flat=True)
    ):
        try:
            position = int(post.get(f"position_{pk}", ""))
        except ValueError:
            raise ValidationError(_("Ange ordningen som heltal.")) from None
        rows.append((position, index, pk))
    return [pk for _p, _i, pk in sorted(rows)]


@admin.register(Paragraf)
class ParagrafAdmin(ScopedAdmin):
    """The § page; reached from its meeting and the case page, not listed on its own."""

    def get_queryset(self, request):
        meetings = permissions.meetings_visible(request.user)
        return (
            super()
            .get_queryset(request)
            .filter(sammantrade__in=meetings)
            .select_related("sammantrade__namnd", "initiative__organisation", "decision")
        )

    def has_module_permission(self, request):
        return False

    def has_view_permission(self, request, obj=None):
        return permissions.can_view_meetings(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        return HttpResponseRedirect(reverse("admin:namnd_sammantrade_changelist"))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        paragraf = self.get_scoped_object(request, object_id)
        meeting = paragraf.sammantrade
        user = request.user
        manage = permissions.can_manage_meeting(user, meeting)
        members = meeting.ledamoter.all()
        if request.method == "POST":
            self._post(request, paragraf, manage=manage, members=members)
            return HttpResponseRedirect(request.path)
        open_ = manage and not paragraf.is_justerad and not meeting.is_justerat
        justeringar = list(paragraf.justeringar.all())
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": paragraf,
            "meeting": meeting,
            "title": _("%(p)s: %(title)s") % {"p": paragraf, "title": paragraf.initiative.title},
            "has_view_permission": True,
            "open": open_,
            "yrkanden": list(paragraf.yrkanden.select_related("ledamot")),
            "yttranden": list(paragraf.yttranden.prefetch_related("ledamoter")),
            "jav": list(paragraf.jav.select_related("ledamot")),
            "omrostning": getattr(paragraf, "omrostning", None),
            "justeringar": justeringar,
            "may_justera": paragraf.justerad_omedelbart
            and paragraf.outcome
            and not paragraf.is_justerad
            and permissions.can_justera(user, meeting)
            and all(j.user_id != user.pk for j in justeringar),
        }
        if open_ and not paragraf.outcome:
            context["content_form"] = forms.ContentForm(
                prefix="content",
                initial={
                    "beslut_points": "\n".join(paragraf.beslut_points),
                    "arendet": paragraf.arendet,
                    "beslutsgang": paragraf.beslutsgang,
                    "propositionsordning": paragraf.propositionsordning,
                    "justerad_omedelbart": paragraf.justerad_omedelbart,
                },
            )
            context["decide_form"] = forms.DecideForm(prefix="decide") if paragraf.number else None
        if open_:
            context["yrkande_form"] = forms.YrkandeForm(prefix="yrkande", members=members)
            context["yttrande_form"] = forms.YttrandeForm(prefix="yttrande", members=members)
            context["jav_form"] = forms.JavForm(prefix="jav", members=members)
            if context["omrostning"] is None:
                context["omrostning_form"] = forms.OmrostningForm(
                    prefix="omrostning", members=[m for m in members if m.tjanstgorande]
                )
        if context["omrostning"] is not None:
            context["roster"] = list(context["omrostning"].roster.select_related("ledamot"))
        return TemplateResponse(request, "admin/namnd/paragraf/paragraf.html", context)

    def _post(self, request, paragraf, *, manage, members):
        action, user, post = request.POST.get("action"), request.user, request.POST
        meeting = paragraf.sammantrade
        if action == "justera":
            _run(
                request,
                None,
                lambda d: justering_services.justering_confirm(
                    meeting=meeting, by=user, paragraf=paragraf
                ),
                _("Din justering av paragrafen är registrerad."),
            )
            return
        if not manage:
            raise PermissionDenied
        kw = {"paragraf": paragraf, "by": user}
        if action == "content":
            _run(
                request,
                forms.ContentForm(post, prefix="content"),
                lambda d: services.paragraf_update(**kw, **d),
                _("Paragrafens text är sparad."),
            )
        elif action == "decide":
            _run(
                request,
                forms.DecideForm(post, prefix="decide"),
                lambda d: services.paragraf_decide(**kw, **d),
                _("Beslutet är registrerat."),
            )
        elif action == "yrkande":
            _run(
                request,
                forms.YrkandeForm(post, prefix="yrkande", members=members),
                lambda d: services.yrkande_add(**kw, **d),
                _("Yrkandet är registrerat."),
            )
        elif action == "yttrande":
            _run(
                request,
                forms.YttrandeForm(post, prefix="yttrande", members=members),
                lambda d: services.yttrande_add(**kw, **d),
                _("Yttrandet är registrerat."),
            )
        elif action == "jav":
            _run(
                request,
                forms.JavForm(post, prefix="jav", members=members),
                lambda d: services.jav_add(**kw, **d),
                _("Jävet är antecknat."),
            )
        elif action == "omrostning":
            form = forms.OmrostningForm(
                post, prefix="omrostning", members=[m for m in members if m.tjanstgorande]
            )
            _run(
                request,
                form,
                lambda d: services.omrostning_add(
                    **kw, question=d["question"], result=d["result"], votes=form.votes()
                ),
                _("Omröstningen är registrerad."),
            )
        else:
            raise PermissionDenied
