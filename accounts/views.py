"""Account pages: signup, email confirmation, login with lockout, password reset."""

import math

from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.forms import add_validation_error

from . import services
from .forms import LoginForm, OutboxPasswordResetForm, ResendVerificationForm, SignupForm


@require_http_methods(["GET", "POST"])
def signup(request):
    next_url = services.safe_next(request.POST.get("next") or request.GET.get("next", ""))
    if request.user.is_authenticated:
        return redirect(next_url or "initiatives:my_cases")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.user_signup(
                username=data["username"],
                email=data["email"],
                password=data["password1"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                next_url=next_url,
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            request.session["signup_email"] = user.email
            # For the "send a new link" link on the next page: the new link keeps the way back.
            request.session["signup_next"] = next_url
            return redirect("signup_done")
    return render(request, "registration/signup.html", {"form": form, "next": next_url})


def signup_done(request):
    return render(
        request,
        "registration/signup_done.html",
        {
            "email": request.session.get("signup_email", ""),
            "next": services.safe_next(request.session.get("signup_next", "")),
            "hours": settings.IOP_EMAIL_VERIFICATION_MAX_AGE // 3600,
        },
    )


@require_http_methods(["GET"])
def verify_email(request, token):
    next_url = services.safe_next(request.GET.get("next", ""))
    try:
        user = services.user_verify_email(token=token)
    except ValidationError as error:
        form = ResendVerificationForm()
        return render(
            request,
            "registration/verify_failed.html",
            {"error": error.messages[0], "form": form, "next": next_url},
            status=400,
        )
    messages.success(request, _("Tack! Din e-postadress är bekräftad. Logga in för att fortsätta."))
    login_url = reverse("login")
    if next_url:
        login_url += "?" + urlencode({"next": next_url})
    if request.user.is_authenticated and request.user.pk == user.pk:
        return redirect(next_url or "initiatives:my_cases")
    return redirect(login_url)


@require_http_methods(["GET", "POST"])
def resend_verification(request):
    next_url = services.safe_next(request.POST.get("next") or request.GET.get("next", ""))
    form = ResendVerificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.user_resend_verification(email=form.cleaned_data["email"], next_url=next_url)
        messages.success(
            request,
            _(
                "Om det finns ett obekräftat konto med adressen %(email)s har vi skickat en ny "
                "länk dit. Titta även i skräpposten."
            )
            % {"email": form.cleaned_data["email"]},
        )
        return redirect("login")
    return render(
        request, "registration/resend_verification.html", {"form": form, "next": next_url}
    )


class LoginView(auth_views.LoginView):
    authentication_form = LoginForm
    redirect_authenticated_user = True


def lockout(request, original_response=None, credentials=None):
    """The page django-axes shows once a username has failed too often from one address.

    It names the time the lock lifts: the last counted failure plus the cool-off period.
    """
    cool_off = get_cool_off(request)
    now = timezone.now()
    last_failure = (
        AccessAttempt.objects.filter(
            username=get_client_username(request, credentials),
            ip_address=getattr(request, "axes_ip_address", None),
        )
        .order_by("-attempt_time")
        .values_list("attempt_time", flat=True)
        .first()
    ) or now
    until = last_failure + cool_off
    minutes = max(1, math.ceil((until - now).total_seconds() / 60))
    return render(
        request,
        "registration/lockout.html",
        {
            "minutes": minutes,
            "until": timezone.localtime(until),
            "failure_limit": settings.AXES_FAILURE_LIMIT,
        },
        status=429,
    )


class PasswordResetView(auth_views.PasswordResetView):
    form_class = OutboxPasswordResetForm
    email_template_name = "mail/password_reset.txt"
    subject_template_name = "mail/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["email"].label = _("E-post")
        return form

    def get_extra_email_context(self):
        return {"portal_url": settings.IOP_PORTAL_URL}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form):
        # The reset link went to the account's address, so following it confirms the address too.
        response = super().form_valid(form)
        services.user_mark_email_verified(user=form.user)
        return response
