"""The organisation's page for the agreement draft sent to it: read, download, comment."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from core.fields import model_formfield
from core.forms import add_validation_error
from core.responses import pdf_response
from initiatives import selectors as initiative_selectors
from initiatives.models import Status

from . import documents, permissions, selectors, signing_services
from .models import Agreement, AgreementComment


class CommentForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    text = model_formfield(
        AgreementComment,
        "text",
        label=gettext_lazy("Er kommentar till utkastet"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )


def _case_and_version(request, pk):
    """The member's case, its agreement and the version sent to them; 404 outside their scope."""
    initiative = initiative_selectors.case_for(user=request.user, pk=pk)
    if not permissions.can_comment_on_agreement(request.user, initiative):
        raise Http404
    agreement = Agreement.objects.filter(initiative=initiative).first()
    version = selectors.sent_version(agreement=agreement) if agreement else None
    return initiative, agreement, version


@login_required
@require_http_methods(["GET", "POST"])
def agreement_draft(request, pk):
    initiative, agreement, version = _case_and_version(request, pk)
    form = CommentForm(request.POST or None, initial={"version": version.pk if version else None})
    if request.method == "POST" and form.is_valid():
        try:
            signing_services.agreement_comment(
                initiative=initiative,
                version_id=form.cleaned_data["version"],
                by=request.user,
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("Er kommentar är skickad till handläggaren."))
            return redirect("agreements:draft", pk=initiative.pk)
    context = {"initiative": initiative, "version": version, "form": form}
    if version is not None:
        context |= documents.agreement_context(agreement=agreement, version=version)
        context["comments"] = selectors.comments_for(agreement=agreement)
        context["can_comment"] = initiative.status == Status.AGREEMENT
    return render(request, "agreements/agreement_draft.html", context)


@login_required
def agreement_draft_pdf(request, pk):
    initiative, agreement, version = _case_and_version(request, pk)
    if version is None:
        raise Http404
    pdf = documents.agreement_pdf(agreement=agreement, version=version)
    return pdf_response(pdf, filename=f"avtal-{initiative.pk}-version-{version.number}.pdf")
