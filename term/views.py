"""The organisation's follow-up report page of a case."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from agreements.models import ReportDate
from initiatives import selectors as initiative_selectors
from initiatives.forms import add_file_error

from . import permissions, selectors, services
from .forms import ReportForm


@login_required
@require_http_methods(["GET", "POST"])
def report_create(request, pk, report_date_pk):
    initiative = initiative_selectors.case_for(user=request.user, pk=pk, submitted=True)
    report_date = get_object_or_404(
        ReportDate.objects.select_related("follow_up_report"),
        pk=report_date_pk,
        agreement__initiative=initiative,
    )
    if getattr(report_date, "follow_up_report", None) is not None:
        messages.info(request, _("Rapporten är redan inskickad och kan inte ändras."))
        return redirect(initiative)
    if not permissions.can_report(request.user, initiative):
        raise Http404
    contributions = selectors.municipality_contributions(report_date=report_date)
    form = ReportForm(request.POST or None, request.FILES or None, contributions=contributions)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_submit(
                report_date=report_date,
                by=request.user,
                activities_done=form.cleaned_data["activities_done"],
                participants_reached=form.cleaned_data["participants_reached"],
                deviations=form.cleaned_data["deviations"],
                money_used=form.money_used(),
                files=form.uploads(),
            )
        except ValidationError as error:
            add_file_error(form, error)
        else:
            messages.success(
                request, _("Rapporten är inskickad och diarieförd. Handläggaren har fått besked.")
            )
            return redirect(initiative)
    return render(
        request,
        "term/report_form.html",
        {"initiative": initiative, "report_date": report_date, "form": form},
    )
