"""The organisation's follow-up report page of a case: send it in, read it, complete it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from agreements.models import AgreementGoal, ReportDate
from initiatives import permissions as case_permissions
from initiatives import selectors as initiative_selectors
from initiatives.forms import add_file_error

from . import permissions, report_selectors, report_services, selectors, services
from .forms import ReportForm


@login_required
@require_http_methods(["GET", "POST"])
def report_create(request, pk, report_date_pk):
    initiative = initiative_selectors.case_for(user=request.user, pk=pk, submitted=True)
    report_date = get_object_or_404(
        ReportDate.objects.select_related("follow_up_report", "agreement"),
        pk=report_date_pk,
        agreement__initiative=initiative,
    )
    report = getattr(report_date, "follow_up_report", None)
    if report is not None:
        return _report_page(request, initiative, report_date, report)
    if not permissions.can_report(request.user, initiative):
        raise Http404
    contributions = selectors.municipality_contributions(report_date=report_date)
    goals = AgreementGoal.objects.filter(agreement_id=report_date.agreement_id)
    form = ReportForm(
        request.POST or None, request.FILES or None, contributions=contributions, goals=goals
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.report_submit(
                report_date=report_date,
                by=request.user,
                activities_done=form.cleaned_data["activities_done"],
                participants_reached=form.cleaned_data["participants_reached"],
                deviations=form.cleaned_data["deviations"],
                money_used=form.money_used(),
                goal_answers=form.goal_answers(),
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


def _report_page(request, initiative, report_date, report):
    """The report sent in: its status, flags and versions, and the form when it was returned.

    The organisation's page, also after the term; staff read reports in the admin.
    """
    if not case_permissions.is_case_member(request.user, initiative):
        raise Http404
    report.report_date = report_date
    view = report_selectors.report_view(report=report)
    returned = view.status == report_selectors.ReportStatus.RETURNED
    can_revise = returned and permissions.can_report(request.user, initiative, member=True)
    form = None
    if can_revise:
        form = ReportForm(
            request.POST or None,
            request.FILES or None,
            contributions=[c for c, _used in view.latest.money_lines],
            goals=[a.goal for a in view.latest.goal_answers.all()]
            or AgreementGoal.objects.filter(agreement_id=report_date.agreement_id),
            initial=ReportForm.initial_from(view.latest),
        )
    if request.method == "POST":
        if form is None:
            messages.info(request, _("Rapporten är redan inskickad och kan inte ändras nu."))
            return redirect(request.path)
        if form.is_valid():
            try:
                report_services.report_revise(
                    report=report,
                    by=request.user,
                    activities_done=form.cleaned_data["activities_done"],
                    participants_reached=form.cleaned_data["participants_reached"],
                    deviations=form.cleaned_data["deviations"],
                    money_used=form.money_used(),
                    goal_answers=form.goal_answers(),
                    files=form.uploads(),
                )
            except ValidationError as error:
                add_file_error(form, error)
            else:
                messages.success(
                    request,
                    _("Kompletteringen är inskickad och diarieförd. Handläggaren har fått besked."),
                )
                return redirect(request.path)
    return render(
        request,
        "term/report_page.html",
        {"initiative": initiative, "report_date": report_date, "view": view, "form": form},
    )
