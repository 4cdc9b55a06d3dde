"""The staff's review page of a follow-up report, reached from the admin case page."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.fields import model_formfield
from core.forms import add_validation_error
from initiatives.models import Status

from . import permissions, report_selectors, report_services
from .models import FollowUpReport, FollowUpReportReview


class ReviewForm(forms.Form):
    request_text = model_formfield(
        FollowUpReportReview,
        "request_text",
        label=gettext_lazy("Begäran om komplettering"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "Skriv vad organisationen ska komplettera när du skickar tillbaka rapporten."
        ),
    )


def report_review_view(case_admin, request, pk, report_pk):
    """Read every version of the report; accept it, or return it with a request."""
    case = case_admin.get_scoped_object(request, pk)
    report = get_object_or_404(
        FollowUpReport.objects.select_related("report_date__agreement", "submitted_by"),
        pk=report_pk,
        report_date__agreement__initiative=case,
    )
    if not permissions.can_review(request.user, case):
        raise PermissionDenied
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision = request.POST.get("decision")
        try:
            if decision == "accept":
                report_services.report_accept(report=report, by=request.user)
                done = _("Rapporten är godkänd. Organisationen har fått besked.")
            elif decision == "return":
                report_services.report_return(
                    report=report, by=request.user, request_text=form.cleaned_data["request_text"]
                )
                done = _("Rapporten är skickad tillbaka för komplettering.")
            else:
                raise Http404
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, done)
            return HttpResponseRedirect(
                reverse("admin:initiatives_initiative_change", args=[case.pk])
            )
    view = report_selectors.report_view(report=report)
    can_decide = view.status == report_selectors.ReportStatus.RECEIVED
    if not (can_decide and case.status == Status.ACTIVE):
        # Only accepted once the partnership has ended: nobody could complete it any more.
        del form.fields["request_text"]
    context = {
        **case_admin.admin_site.each_context(request),
        "opts": case_admin.opts,
        "original": case,
        "title": _("Granska rapport: %(what)s %(date)s")
        % {"what": report.report_date.description, "date": report.report_date.due_date},
        "view": view,
        "form": form,
        "can_decide": can_decide,
        "can_return": can_decide and case.status == Status.ACTIVE,
        "has_view_permission": True,
    }
    return TemplateResponse(request, "admin/term/report_review.html", context)
