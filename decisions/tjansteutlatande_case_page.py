"""The tjänsteutlåtande on the admin case page: write, preview, submit, approve, correct, export.

Every view acts on the case's current version (the newest), so the URLs name only the case.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.fields import model_formfield
from core.responses import pdf_response

from . import permissions, selectors
from . import tjansteutlatande_services as services
from .models import Tjansteutlatande, TjansteutlatandeAvsnitt
from .models.tjansteutlatande import TEXT_SECTIONS
from .tjansteutlatande_documents import tjansteutlatande_docx, tjansteutlatande_pdf

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HEADER_FIELDS = (
    "title",
    "forvaltning_name",
    "handlaggare_name",
    "handlaggare_phone",
    "till",
    "dnr",
)


class TjansteutlatandeForm(forms.Form):
    """Every section as text, the case's files to add as bilagor, and one new section."""

    def __init__(self, *args, tu: Tjansteutlatande, **kwargs):
        super().__init__(*args, **kwargs)
        headings = dict(tu.mall.sections)
        for name in (*HEADER_FIELDS, *TEXT_SECTIONS, "fotnoter"):
            label = headings.get(name) or Tjansteutlatande._meta.get_field(name).verbose_name
            self.fields[name] = model_formfield(
                Tjansteutlatande, name, label=str(label).capitalize(), required=False
            )
            self.initial[name] = getattr(tu, name)
        for name in HEADER_FIELDS:
            self.fields[name].required = name not in ("handlaggare_name", "handlaggare_phone")
        if tu.replaces_id:
            self.fields["rattelse"] = model_formfield(Tjansteutlatande, "rattelse")
            self.initial["rattelse"] = tu.rattelse
        chosen = {b.attachment_id for b in tu.bilagor.all() if b.attachment_id}
        self.fields["add_attachments"] = forms.ModelMultipleChoiceField(
            label=gettext_lazy("Lägg till ärendets filer som bilagor"),
            queryset=tu.initiative.attachments.exclude(pk__in=chosen),
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )
        self.fields["remove_bilagor"] = forms.ModelMultipleChoiceField(
            label=gettext_lazy("Ta bort bilagor"),
            queryset=tu.bilagor.all(),
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )
        self.fields["new_heading"] = model_formfield(
            TjansteutlatandeAvsnitt,
            "heading",
            label=gettext_lazy("Nytt avsnitt: rubrik"),
            required=False,
        )
        self.fields["new_text"] = model_formfield(
            TjansteutlatandeAvsnitt,
            "text",
            label=gettext_lazy("Nytt avsnitt: text"),
            required=False,
        )
        self.fields["new_after"] = forms.ChoiceField(
            label=gettext_lazy("Nytt avsnitt: efter"),
            choices=[(k, h or k) for k, h in tu.mall.sections if k in TEXT_SECTIONS],
            required=False,
        )


class CorrectionForm(forms.Form):
    reason = model_formfield(
        Tjansteutlatande, "rattelse", label=gettext_lazy("Vad rättelsen gäller")
    )


def _save(tu: Tjansteutlatande):
    def service(
        *,
        initiative,
        by,
        add_attachments,
        remove_bilagor,
        new_heading,
        new_text,
        new_after,
        **fields,
    ):
        services.tjansteutlatande_update(tjansteutlatande=tu, by=by, **fields)
        for bilaga in remove_bilagor:
            services.tjansteutlatande_bilaga_remove(bilaga=bilaga, by=by)
        for attachment in add_attachments:
            services.tjansteutlatande_bilaga_add(tjansteutlatande=tu, by=by, attachment=attachment)
        if new_heading or new_text:
            services.tjansteutlatande_avsnitt_add(
                tjansteutlatande=tu,
                by=by,
                heading=new_heading,
                text=new_text,
                after=new_after or "synpunkter",
            )

    return service


def _back(case):
    return HttpResponseRedirect(reverse("admin:initiatives_initiative_change", args=[case.pk]))


def urls(case_admin):
    def current(request, pk, allowed):
        case = case_admin.get_scoped_object(request, pk)
        if not allowed(request.user, case):
            raise PermissionDenied
        return case, selectors.tjansteutlatande_current(initiative=case)

    def pdf_view(request, pk):
        """The stored copy of an upprättat version, byte for byte; else a preview (not stored)."""
        case, tu = current(request, pk, permissions.can_read_tjansteutlatande)
        if tu is None:
            messages.error(request, _("Ärendet har inget tjänsteutlåtande ännu."))
            return _back(case)
        filename = f"tjansteutlatande-{case.diarienummer}-v{tu.version}.pdf"
        if tu.pdf:
            with tu.pdf.open("rb") as stored:
                return pdf_response(stored.read(), filename=filename)
        return pdf_response(tjansteutlatande_pdf(tjansteutlatande=tu), filename=filename)

    def docx_view(request, pk):
        case, tu = current(request, pk, permissions.can_read_tjansteutlatande)
        if tu is None:
            messages.error(request, _("Ärendet har inget tjänsteutlåtande ännu."))
            return _back(case)
        response = HttpResponse(tjansteutlatande_docx(tjansteutlatande=tu), content_type=DOCX_TYPE)
        name = f"tjansteutlatande-{case.diarienummer}-v{tu.version}.docx".replace(" ", "_")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def edit_view(request, pk):
        case, tu = current(request, pk, permissions.can_write_tjansteutlatande)
        if tu is None or not tu.is_open:
            messages.error(
                request,
                _("Det finns inget utkast att redigera; skapa ett eller gör en rättelse."),
            )
            return _back(case)
        return case_admin.case_form_view(
            request,
            case,
            allowed=permissions.can_write_tjansteutlatande,
            form=TjansteutlatandeForm(request.POST or None, tu=tu),
            service=_save(tu),
            title=_("Tjänsteutlåtande, version %(version)s") % {"version": tu.version},
            done=_("Tjänsteutlåtandet är sparat."),
        )

    def correct_view(request, pk):
        case, tu = current(request, pk, permissions.can_write_tjansteutlatande)
        if tu is None or tu.status != Tjansteutlatande.Status.UPPRATTAD:
            messages.error(request, _("Bara det gällande upprättade tjänsteutlåtandet kan rättas."))
            return _back(case)

        def service(*, initiative, by, reason):
            services.tjansteutlatande_correct(tjansteutlatande=tu, by=by, reason=reason)

        return case_admin.case_form_view(
            request,
            case,
            allowed=permissions.can_write_tjansteutlatande,
            form=CorrectionForm(request.POST or None),
            service=service,
            title=_("Rätta tjänsteutlåtandet"),
            done=_(
                "En ny version är skapad som utkast; den ersätter den upprättade när den "
                "har godkänts."
            ),
        )

    def action_view(request, pk, action):
        if request.method != "POST":
            return HttpResponse(status=405)
        case = case_admin.get_scoped_object(request, pk)
        tu = selectors.tjansteutlatande_current(initiative=case)
        user = request.user
        actions = {
            "ny": (
                lambda: services.tjansteutlatande_draft_create(initiative=case, by=user),
                _("Ett utkast till tjänsteutlåtande är skapat från ärendet."),
            ),
            "lamna": (
                lambda: services.tjansteutlatande_submit_for_approval(tjansteutlatande=tu, by=user),
                _("Tjänsteutlåtandet är lämnat för godkännande."),
            ),
            "godkann": (
                lambda: services.tjansteutlatande_approve(tjansteutlatande=tu, by=user),
                _("Du har godkänt tjänsteutlåtandet."),
            ),
        }
        if action not in actions:
            raise Http404
        allowed = (
            permissions.is_tjansteutlatande_signatory
            if action == "godkann"
            else permissions.can_write_tjansteutlatande
        )
        if not allowed(user, case):
            raise PermissionDenied
        run, done = actions[action]
        try:
            if tu is None and action != "ny":
                raise ValidationError(_("Ärendet har inget tjänsteutlåtande ännu."))
            run()
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, done)
        return _back(case)

    wrap = case_admin.wrap
    return [
        path(
            "<int:pk>/tjansteutlatande.pdf",
            wrap(pdf_view),
            name="initiatives_initiative_tjansteutlatande",
        ),
        path(
            "<int:pk>/tjansteutlatande.docx",
            wrap(docx_view),
            name="initiatives_initiative_tjansteutlatande_docx",
        ),
        path(
            "<int:pk>/tjansteutlatande/",
            wrap(edit_view),
            name="initiatives_initiative_tjansteutlatande_edit",
        ),
        path(
            "<int:pk>/tjansteutlatande/ratta/",
            wrap(correct_view),
            name="initiatives_initiative_tjansteutlatande_correct",
        ),
        path(
            "<int:pk>/tjansteutlatande/<str:action>/",
            wrap(action_view),
            name="initiatives_initiative_tjansteutlatande_action",
        ),
    ]
