"""The organisation's own pages: creating one, choosing which one to act for, its profile and
documents, its members and invitations.

Their URL names stay in the `initiatives` namespace (initiatives.urls includes organisations.urls),
so links and redirects read as they did before the organisations app was split out."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.services import safe_next
from core.forms import add_validation_error, posted_id
from core.uploads import stored_file_response

from . import member_services, permissions, selectors, services
from .forms import DocumentForm, InviteForm, OrganisationForm
from .models import Membership


def _own_organisation(request, pk):
    """The organisation `pk` if the user represents it now (and make it the chosen one); else
    404, so a forged form for somebody else's organisation learns nothing and changes nothing."""
    organisation = get_object_or_404(selectors.organisations_represented(user=request.user), pk=pk)
    selectors.remember_organisation(request, organisation)
    return organisation


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request):
    if not permissions.can_represent_organisations(request.user):
        raise PermissionDenied
    # Where the person was going (a new initiative, say), so creating the organisation first
    # does not lose the way back.
    next_url = safe_next(request.POST.get("next") or request.GET.get("next", ""))
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            selectors.remember_organisation(request, organisation)
            messages.success(request, _("Organisationen är sparad."))
            return redirect(next_url or "initiatives:my_cases")
    return render(request, "organisations/organisation_form.html", {"form": form, "next": next_url})


@login_required
@require_http_methods(["GET", "POST"])
def organisation_switch(request):
    """The list of organisations the user represents, and the choice of which to act for."""
    own = selectors.organisations_represented(user=request.user)
    if request.method == "POST":
        organisation = get_object_or_404(own, pk=posted_id(request.POST.get("organisation")))
        selectors.remember_organisation(request, organisation)
        messages.success(request, _("Du företräder nu %(name)s.") % {"name": organisation.name})
        return redirect("initiatives:my_cases")
    return render(
        request,
        "organisations/organisation_switch.html",
        {"organisations": own, "chosen": selectors.chosen_organisation(request)},
    )


@login_required
def organisation_current(request):
    organisation = selectors.chosen_organisation(request)
    if organisation is None:
        return redirect("initiatives:organisation_create")
    return redirect("initiatives:organisation", pk=organisation.pk)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_profile(request, pk):
    """The profile with its documents; a firmatecknare edits it, every member adds documents."""
    organisation = _own_organisation(request, pk)
    can_edit = permissions.can_edit_organisation(request.user, organisation)
    locked = services.org_number_locked(organisation)
    form = None
    if can_edit:
        # A copy, so that values typed but refused do not show up as the page's heading.
        form = OrganisationForm(
            request.POST if request.POST.get("action") == "profile" else None,
            instance=copy.copy(organisation),
        )
        if locked:
            form.fields["org_number"].disabled = True
            form.fields["org_number"].help_text = _(
                "Numret kan inte ändras eftersom organisationen har registrerade ärenden. "
                "Kontakta förvaltningen om det är fel."
            )
    posted_document = request.POST.get("action") == "document"
    document_form = DocumentForm(
        request.POST if posted_document else None, request.FILES if posted_document else None
    )
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "profile" and form is not None:
            if form.is_valid():
                try:
                    organisation = services.organisation_update(
                        organisation=organisation,
                        by=request.user,
                        **{
                            k: v
                            for k, v in form.cleaned_data.items()
                            if k in services.PROFILE_FIELDS
                        },
                    )
                except ValidationError as error:
                    add_validation_error(form, error)
                else:
                    selectors.remember_organisation(request, organisation)
                    messages.success(request, _("Organisationens uppgifter är sparade."))
                    return redirect("initiatives:organisation", pk=organisation.pk)
        elif action == "document":
            if document_form.is_valid():
                try:
                    services.organisation_document_add(
                        organisation=organisation,
                        by=request.user,
                        kind=document_form.cleaned_data["kind"],
                        year=document_form.cleaned_data["year"],
                        uploaded_file=document_form.cleaned_data["file"],
                    )
                except ValidationError as error:
                    if hasattr(error, "error_dict"):
                        add_validation_error(document_form, error)
                    else:
                        document_form.add_error("file", error)
                else:
                    messages.success(request, _("Handlingen är sparad."))
                    return redirect(
                        reverse("initiatives:organisation", args=[organisation.pk]) + "#handlingar"
                    )
        else:
            raise PermissionDenied
    return render(
        request,
        "organisations/organisation_profile.html",
        {
            "organisation": organisation,
            "form": form,
            "document_form": document_form,
            "documents": selectors.organisation_documents(organisation=organisation),
            "org_number_locked": locked,
        },
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def organisation_document_download(request, pk):
    """Hand out a document to the organisation's members and staff handling one of its cases."""
    document = get_object_or_404(selectors.organisation_documents_visible(user=request.user), pk=pk)
    return stored_file_response(document)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_members(request, pk):
    organisation = _own_organisation(request, pk)
    can_manage = permissions.can_manage_members(request.user, organisation)
    form = InviteForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                invitation = member_services.member_invite(
                    organisation=organisation, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(
                    request,
                    _("En inbjudan är skickad till %(email)s.") % {"email": invitation.email},
                )
                return redirect("initiatives:organisation_members", pk=organisation.pk)
    return render(
        request,
        "organisations/organisation_members.html",
        {
            "organisation": organisation,
            "members": selectors.organisation_members(organisation=organisation),
            "invitations": selectors.organisation_pending_invitations(organisation=organisation)
            if can_manage
            else [],
            "form": form,
            "can_manage": can_manage,
        },
    )


@login_required
@require_POST
def member_remove(request, pk, membership_pk):
    organisation = _own_organisation(request, pk)
    membership = get_object_or_404(
        Membership.objects.current().filter(organisation=organisation), pk=membership_pk
    )
    if not permissions.can_manage_members(request.user, organisation):
        raise Http404
    try:
        member_services.member_remove(membership=membership, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(name)s företräder inte längre organisationen.")
            % {"name": membership.user.get_full_name() or membership.user.get_username()},
        )
    if membership.user_id == request.user.pk and not permissions.is_member(
        request.user, organisation
    ):
        return redirect("initiatives:my_cases")
    return redirect("initiatives:organisation_members", pk=organisation.pk)


@login_required
@require_POST
def member_change_role(request, pk, membership_pk):
    organisation = _own_organisation(request, pk)
    membership = get_object_or_404(
        Membership.objects.current().filter(organisation=organisation), pk=membership_pk
    )
    if not permissions.can_manage_members(request.user, organisation):
        raise Http404
    try:
        membership = member_services.member_change_role(
            membership=membership, by=request.user, role=request.POST.get("role", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(name)s är nu %(role)s.")
            % {
                "name": membership.user.get_full_name() or membership.user.get_username(),
                "role": membership.get_role_display().lower(),
            },
        )
    return redirect("initiatives:organisation_members", pk=organisation.pk)


@login_required
@require_POST
def invitation_cancel(request, pk, invitation_pk):
    organisation = _own_organisation(request, pk)
    invitation = get_object_or_404(organisation.invitations.all(), pk=invitation_pk)
    if not permissions.can_manage_members(request.user, organisation):
        raise Http404
    member_services.invitation_cancel(invitation=invitation, by=request.user)
    messages.success(
        request, _("Inbjudan till %(email)s är återkallad.") % {"email": invitation.email}
    )
    return redirect("initiatives:organisation_members", pk=organisation.pk)


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token):
    """The link in the invitation mail. Anyone with the link sees what it is for; accepting
    needs the account with the invited address, made or logged into on the way (the link is
    kept as `next`)."""
    invitation = member_services.invitation_for_token(token)
    if invitation is None:
        raise Http404
    error = None
    try:
        member_services.invitation_check(invitation, request.user)
    except ValidationError as e:
        error = e.messages[0]
    if request.method == "POST" and error is None and request.user.is_authenticated:
        try:
            membership = member_services.invitation_accept(token=token, by=request.user)
        except ValidationError as e:
            error = e.messages[0]
        except PermissionDenied:
            error = _("Personalkonton kan inte företräda en organisation.")
        else:
            selectors.remember_organisation(request, membership.organisation)
            messages.success(
                request,
                _("Välkommen! Du företräder nu %(name)s.") % {"name": membership.organisation.name},
            )
            return redirect("initiatives:organisation", pk=membership.organisation_id)
    return render(
        request,
        "organisations/invitation_accept.html",
        {"invitation": invitation, "error": error, "next": request.get_full_path()},
        status=400 if error else 200,
    )
