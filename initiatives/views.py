"""Pages of the organisation's side: sign up, organisation profile, initiatives and their cases."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import Forvaltning
from core import uploads
from core.forms import add_validation_error, posted_id
from core.responses import pdf_response
from core.text import clean_line
from core.uploads import accepted_extensions
from organisations import permissions as organisation_permissions
from organisations import selectors as organisation_selectors

from . import (
    attachment_services,
    extensions,
    permissions,
    receipt,
    selectors,
    services,
    timeline,
    wizard,
)
from .forms import AttachmentForm
from .models import DraftProgress, Initiative, Status
from .receipt import initiative_field

PAGE_SIZE = 20


def home(request):
    forvaltningar = Forvaltning.objects.select_related("namnd").order_by("name")
    return render(request, "initiatives/home.html", {"forvaltningar": forvaltningar})


@login_required
def my_cases(request):
    # Cleaned like a stored one-line value: a NUL in a search would crash the database query.
    query = clean_line(request.GET.get("q", ""))[:100]
    # Every case of every organisation the user represents; the switcher chooses whom new
    # initiatives and the profile links act for, and an organisation filter narrows the list.
    organisations = list(organisation_selectors.organisations_represented(user=request.user))
    cases = selectors.my_cases(user=request.user, query=query, organisations=organisations)
    chosen = organisation_selectors.chosen_organisation(request, organisations)
    only = next((o for o in organisations if str(o.pk) == request.GET.get("organisation")), None)
    if only is not None:
        cases = cases.filter(organisation=only)
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "initiatives/my_cases.html",
        {
            "page": page,
            "query": query,
            "organisations": organisations,
            "chosen_organisation": chosen,
            "only_organisation": only,
        },
    )


# The initiative wizard. Each step saves the draft; the step reached is kept on the server.


@login_required
@require_http_methods(["GET", "POST"])
def initiative_create(request):
    """The wizard's first step for a new draft: the organisation, the title, the förvaltning."""
    if not organisation_permissions.can_represent_organisations(request.user):
        raise PermissionDenied
    organisations = organisation_selectors.organisations_represented(user=request.user)
    if not organisations.exists():
        messages.info(request, _("Lägg först upp organisationen som står bakom initiativet."))
        # Back to the new initiative afterwards (with the guide's answers still in the session).
        return redirect(
            reverse("initiatives:organisation_create")
            + "?"
            + urlencode({"next": request.get_full_path()})
        )
    step = wizard.FIRST
    initial = {
        name: value
        for name, value in wizard.guide_answers(request.session).items()
        if name in step.fields
    }
    # A new draft is for the organisation chosen in the header's switcher, unless a link asks
    # for another of the user's organisations.
    initial["organisation"] = (
        request.GET.get("organisation")
        or organisation_selectors.chosen_organisation(request, organisations).pk
    )
    form = wizard.StepForm(
        request.POST or None, step=step, organisations=organisations, initial=initial
    )
    if request.method == "GET" or not form.is_valid():
        if form.has_error("organisation", code="invalid_choice"):
            raise Http404  # a forged post for an organisation the user does not represent
        return _render_step(
            request, step, form, None, guide_carried=wizard.guide_carried(request.session)
        )
    values = form.valid_values()
    organisation = values.pop("organisation")
    values = wizard.guide_values(request.session) | values
    initiative = services.initiative_save_draft(
        by=request.user, organisation=organisation, **values
    )
    request.session.pop(wizard.GUIDE_SESSION_KEY, None)
    return _after_save(request, initiative, step)


@login_required
def initiative_edit(request, pk):
    """Resume a draft at the step where it was left, on whatever device."""
    initiative = _own_draft(request, pk)
    if not isinstance(initiative, Initiative):
        return initiative
    progress = DraftProgress.objects.filter(initiative=initiative).first()
    slug = progress.step if progress and progress.step in wizard.STEP_BY_SLUG else wizard.FIRST.slug
    return redirect("initiatives:step", pk=initiative.pk, step=slug)


@login_required
@require_http_methods(["GET", "POST"])
def initiative_step(request, pk, step):
    initiative = _own_draft(request, pk)
    if not isinstance(initiative, Initiative):
        return initiative
    step = wizard.STEP_BY_SLUG.get(step)
    if step is None:
        raise Http404
    if step is wizard.ATTACHMENTS:
        return _attachments_step(request, initiative)
    if step is wizard.REVIEW:
        return _review_step(request, initiative)
    form = wizard.StepForm(request.POST or None, instance=initiative, step=step)
    if request.method == "GET":
        return _render_step(request, step, form, initiative)
    form_ok = form.is_valid()
    try:
        initiative = services.initiative_save_draft(
            by=request.user,
            organisation=initiative.organisation,
            initiative=initiative,
            **form.valid_values(),
        )
    except ValidationError as error:
        add_validation_error(form, error)
        form_ok = False
    if not form_ok:
        services.draft_progress_record(initiative=initiative, step=step.slug)
        messages.warning(
            request,
            _("Utkastet är sparat, men några uppgifter behöver rättas innan du går vidare."),
        )
        return _render_step(request, step, form, initiative)
    return _after_save(request, initiative, step)


@require_POST
def initiative_autosave(request, pk, step):
    """Save what the wizard's script posts from a step while the person types (draft-keeper.js).

    Answers in JSON rather than with a redirect: a session that has ended is a 401, so the
    script keeps the text in the browser until the person has logged in again. Only the fields
    posted are saved, and only those that pass the step's validation; the rest stay as they were.
    """
    if not request.user.is_authenticated:
        return JsonResponse({"saved": [], "login": True}, status=401)
    initiative = selectors.case_for(user=request.user, pk=pk)
    if not permissions.can_edit_initiative(request.user, initiative):
        return JsonResponse({"saved": [], "closed": True}, status=409)
    step = wizard.STEP_BY_SLUG.get(step)
    if step is None or not step.fields:
        raise Http404
    form = wizard.StepForm(request.POST, instance=initiative, step=step)
    form.is_valid()
    values = {n: v for n, v in form.valid_values().items() if n in request.POST}
    try:
        services.initiative_save_draft(
            by=request.user, organisation=initiative.organisation, initiative=initiative, **values
        )
    except ValidationError as error:
        return JsonResponse({"saved": [], "errors": error.messages}, status=400)
    return JsonResponse(
        {"saved": sorted(values), "errors": {n: list(e) for n, e in form.errors.items()}}
    )


def _own_draft(request, pk):
    """The user's own draft, or a redirect to the case page once it has been submitted."""
    initiative = selectors.case_for(user=request.user, pk=pk)
    if not permissions.can_edit_initiative(request.user, initiative):
        if initiative.status != Status.DRAFT:
            messages.info(request, _("Initiativet är inskickat och kan inte längre ändras."))
            return redirect(initiative)
        raise Http404
    return initiative


def _after_save(request, initiative, step):
    """Go where the pressed button asks, remembering the step for a later visit."""
    if "back" in request.POST:
        target = wizard.previous_step(step)
    elif "later" in request.POST:
        target = step
    else:
        target = wizard.next_step(step)
    services.draft_progress_record(initiative=initiative, step=target.slug)
    if "later" in request.POST:
        messages.success(request, _("Utkastet är sparat. Du kan fortsätta senare."))
        return redirect("initiatives:my_cases")
    return redirect("initiatives:step", pk=initiative.pk, step=target.slug)


def _render_step(request, step, form, initiative, **extra):
    return render(
        request,
        "initiatives/initiative_step.html",
        {
            "step": step,
            "steps": wizard.STEPS,
            "step_number": wizard.step_index(step) + 1,
            "form": form,
            "initiative": initiative,
            **extra,
        },
    )


def _attachments_step(request, initiative):
    step = wizard.ATTACHMENTS
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and "remove" in request.POST:
        attachment = get_object_or_404(
            initiative.attachments.all(), pk=posted_id(request.POST.get("remove"))
        )
        try:
            attachment_services.attachment_remove(attachment=attachment, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Filen %(name)s är borttagen.") % {"name": attachment.original_name}
            )
        return redirect("initiatives:step", pk=initiative.pk, step=step.slug)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload is None:
            return _after_save(request, initiative, step)
        try:
            attachment = attachment_services.attachment_add(
                initiative=initiative,
                uploaded_file=upload,
                by=request.user,
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(
                request, _("Filen %(name)s är uppladdad.") % {"name": attachment.original_name}
            )
            if "upload" in request.POST:
                services.draft_progress_record(initiative=initiative, step=step.slug)
                return redirect("initiatives:step", pk=initiative.pk, step=step.slug)
            return _after_save(request, initiative, step)
    return _render_step(
        request,
        step,
        form,
        initiative,
        attachments=selectors.attachments_of(initiative=initiative),
        accepted_types=accepted_extensions(),
        max_size=settings.IOP_ATTACHMENT_MAX_BYTES,
    )


def _review_step(request, initiative):
    step = wizard.REVIEW
    errors = {}
    if request.method == "POST":
        try:
            initiative = services.initiative_submit(initiative=initiative, by=request.user)
        except ValidationError as error:
            # Missing fields by name; a refusal (not a firmatecknare, say) as one message.
            errors = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
        else:
            messages.success(
                request,
                _(
                    "Initiativet är inskickat och registrerat med diarienummer %(dnr)s. "
                    "Ett kvitto har skickats med e-post."
                )
                % {"dnr": initiative.diarienummer},
            )
            return redirect(initiative)
    else:
        try:
            services.initiative_check_complete(initiative=initiative)
        except ValidationError as error:
            errors = error.message_dict
    problems = [
        {
            "label": Initiative._meta.get_field(name).verbose_name if name else "",
            "messages": texts,
            "url": reverse(
                "initiatives:step", args=[initiative.pk, wizard.STEP_OF_FIELD[name].slug]
            )
            + f"#id_{name}"
            if name in wizard.STEP_OF_FIELD
            else "",
        }
        for name, texts in errors.items()
    ]
    return _render_step(
        request,
        step,
        None,
        initiative,
        problems=problems,
        submit_tried=request.method == "POST",
        sections=[(s, [initiative_field(initiative, n) for n in s.fields]) for s in wizard.STEPS],
        attachments=selectors.attachments_of(initiative=initiative),
    )


@login_required
def initiative_detail(request, pk):
    initiative = selectors.case_for(user=request.user, pk=pk)
    if initiative.is_draft:
        return redirect("initiatives:edit", pk=initiative.pk)
    member = permissions.is_case_member(request.user, initiative)
    return render(
        request,
        "initiatives/initiative_detail.html",
        {
            "initiative": initiative,
            "timeline": timeline.case_timeline(initiative=initiative),
            "attachments": selectors.attachments_of(initiative=initiative),
            "can_message": permissions.can_message(request.user, initiative, member=member),
            "parts": _detail_parts(request, initiative, member=member),
        },
    )


def _detail_parts(request, initiative, *, member) -> dict[str, list]:
    """The later stages' sections of the page, by where they go on it."""
    parts = {"after_timeline": [], "after_initiative": []}
    for part in extensions.case_detail_parts:
        context = part.context(request=request, case=initiative, member=member)
        if context is not None:
            parts[part.placement].append((part.template, context))
    return parts


@login_required
def initiative_receipt(request, pk):
    """The kvittens: a PDF of exactly what the organisation submitted, and when."""
    initiative = selectors.case_for(user=request.user, pk=pk, submitted=True)
    pdf = receipt.receipt_pdf(initiative=initiative)
    return pdf_response(pdf, filename=f"kvittens-{initiative.diarienummer}.pdf")


@login_required
@require_http_methods(["GET", "HEAD"])
def attachment_download(request, pk):
    """Hand out a case's file to those who may see the case; everyone else gets 404."""
    attachment = get_object_or_404(selectors.attachments_visible(user=request.user), pk=pk)
    return uploads.stored_file_response(attachment)
