"""The organisation's page of a case's messages with the förvaltning."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import message_services, permissions, selectors
from .forms import MessageForm, add_file_error


@login_required
@require_http_methods(["GET", "POST"])
def case_messages(request, pk):
    initiative = selectors.case_for(user=request.user, pk=pk, submitted=True)
    may_write = permissions.can_message(request.user, initiative)
    form = MessageForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not may_write:
            raise PermissionDenied
        if form.is_valid():
            try:
                message_services.message_send(
                    initiative=initiative,
                    by=request.user,
                    body=form.cleaned_data["body"],
                    files=form.uploads(),
                )
            except ValidationError as error:
                add_file_error(form, error)
            else:
                messages.success(request, _("Meddelandet är skickat och diariefört."))
                return redirect("initiatives:messages", pk=initiative.pk)
    return render(
        request,
        "initiatives/messages.html",
        {
            "initiative": initiative,
            "case_messages": selectors.case_messages(initiative=initiative),
            "form": form,
            "may_write": may_write,
        },
    )
