"""Pages of a case for the organisation: messages with the förvaltning, follow-up reports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from agreements.models import ReportDate
from core.forms import add_validation_error
from initiatives import selectors as initiative_selectors
from initiatives.models import Status

from . import permissions, selectors, services
from .forms import MessageForm, ReportForm


def _case(request, pk):
    """A submitted case the user may see; a draft or someone else's case is 404."""
    return get_object_or_404(
        initiative_selectors.initiative_list(user=request.user).exclude(status=Status.DRAFT),
        pk=pk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_messages(request, pk):
    initiative = _case(request, pk)
    may_write = permissions.can_message(request.user, initiative)
    form = MessageForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not may_write:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.message_send(
                    initiative=initiative,
                    by=request.user,
                    body=form.cleaned_data["body"],
                    files=form.uploads(),
                )
            except ValidationError as error:
                add_file_error(form, error)
            else:
                messages.success(request, _("Meddelandet är skickat och diariefört."))
                return redirect("casework:messages", pk=initiative.pk)
    return render(
        request,
        "casework/messages.html",
        {
            "initiative": initiative,
            "case_messages": selectors.case_messages(initiative=initiative),
            "form": form,
            "may_write": may_write,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_create(request, pk, report_date_pk):
    initiative = _case(request, pk)
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
        "casework/report_form.html",
        {"initiative": initiative, "report_date": report_date, "form": form},
    )


# The codes of core.uploads' refusals: those errors belong next to the file field.
UPLOAD_ERROR_CODES = frozenset({"empty", "too_large", "type", "mislabelled", "case_full"})


def add_file_error(form, error: ValidationError) -> None:
    """Show a service's error on the form: a refused upload next to the file field."""
    if not hasattr(error, "error_dict") and error.code in UPLOAD_ERROR_CODES:
        form.add_error("file", error)
    else:
        add_validation_error(form, error)
