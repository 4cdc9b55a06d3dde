"""Pages of the organisation's side: sign up, organisation profile, initiatives and their cases."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.models import Forvaltning
from iop_portal.forms import add_validation_error

from . import selectors, services
from .forms import InitiativeForm, OrganisationForm, SignupForm
from .models import Status

PAGE_SIZE = 20


def home(request):
    forvaltningar = Forvaltning.objects.select_related("namnd").order_by("name")
    return render(request, "initiatives/home.html", {"forvaltningar": forvaltningar})


@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("initiatives:my_cases")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request, _("Ditt konto är skapat. Börja med att lägga upp organisationen.")
        )
        return redirect("initiatives:organisation_create")
    return render(request, "registration/signup.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request):
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Organisationen är sparad."))
            return redirect("initiatives:my_cases")
    return render(request, "initiatives/organisation_form.html", {"form": form})


@login_required
def my_cases(request):
    cases = selectors.initiative_list(user=request.user)
    query = request.GET.get("q", "").strip()
    if query:
        cases = cases.filter(Q(title__icontains=query) | Q(diarienummer__icontains=query))
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "initiatives/my_cases.html",
        {
            "page": page,
            "query": query,
            "organisations": selectors.organisations_represented(user=request.user),
        },
    )


def _organisation_for_new_draft(request):
    """The organisation a new draft belongs to: the one asked for, else the user's first."""
    own = selectors.organisations_represented(user=request.user)
    wanted = request.POST.get("organisation") or request.GET.get("organisation")
    if wanted:
        return get_object_or_404(own, pk=wanted)
    return own.first()


@login_required
@require_http_methods(["GET", "POST"])
def initiative_edit(request, pk=None):
    """Create or edit a draft; 'submit' saves the draft first so a failed submit loses nothing."""
    if pk is None:
        initiative = None
        organisation = _organisation_for_new_draft(request)
        if organisation is None:
            messages.info(request, _("Lägg först upp organisationen som står bakom initiativet."))
            return redirect("initiatives:organisation_create")
    else:
        initiative = get_object_or_404(selectors.initiative_list(user=request.user), pk=pk)
        if initiative.status != Status.DRAFT:
            messages.info(request, _("Initiativet är inskickat och kan inte längre ändras."))
            return redirect(initiative)
        organisation = initiative.organisation

    form = InitiativeForm(request.POST or None, instance=initiative)
    if request.method == "GET":
        return _render_form(request, form, initiative, organisation)

    form_ok = form.is_valid()
    values = form.valid_values()
    if initiative is None and "title" not in values:
        # Nothing can be stored without a title; the page keeps what was typed.
        return _render_form(request, form, initiative, organisation)
    try:
        initiative = services.initiative_save_draft(
            user=request.user, organisation=organisation, initiative=initiative, **values
        )
    except ValidationError as error:
        add_validation_error(form, error)
        return _render_form(request, form, initiative, organisation)
    if not form_ok:
        messages.warning(
            request,
            _("Utkastet är sparat, men några uppgifter behöver rättas innan det kan skickas in."),
        )
        return _render_form(request, form, initiative, organisation)
    if "submit" not in request.POST:
        messages.success(request, _("Utkastet är sparat. Du kan fortsätta senare."))
        return redirect("initiatives:edit", pk=initiative.pk)
    try:
        initiative = services.initiative_submit(initiative=initiative, user=request.user)
    except ValidationError as error:
        add_validation_error(form, error)
        messages.warning(
            request, _("Utkastet är sparat, men det saknas uppgifter innan det kan skickas in.")
        )
        return _render_form(request, form, initiative, organisation)
    messages.success(
        request,
        _(
            "Initiativet är inskickat och registrerat med diarienummer %(dnr)s. "
            "Ett kvitto har skickats med e-post."
        )
        % {"dnr": initiative.diarienummer},
    )
    return redirect(initiative)


def _render_form(request, form, initiative, organisation):
    return render(
        request,
        "initiatives/initiative_form.html",
        {"form": form, "initiative": initiative, "organisation": organisation},
    )


@login_required
def initiative_detail(request, pk):
    initiative = get_object_or_404(selectors.initiative_detail(user=request.user), pk=pk)
    return render(
        request,
        "initiatives/initiative_detail.html",
        {"initiative": initiative, "timeline": initiative.status_changes.all()},
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def attachment_download(request, pk):
    """Hand out a case's file to those who may see the case; everyone else gets 404."""
    attachment = get_object_or_404(selectors.attachments_visible(user=request.user), pk=pk)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response
