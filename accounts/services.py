"""Writes for people's accounts: self-service signup and confirming the email address."""

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _

from core.notifications import send_on_commit

from . import tokens


def _verification_mail(*, user, next_url: str = "") -> None:
    url = settings.IOP_PORTAL_URL.rstrip("/") + reverse(
        "verify_email", args=[tokens.make_verification_token(user)]
    )
    if next_url:
        url += "?" + urlencode({"next": next_url})
    hours = settings.IOP_EMAIL_VERIFICATION_MAX_AGE // 3600
    send_on_commit(
        template="email_verification",
        context={"name": user.get_full_name(), "url": url, "hours": hours},
        to=[user.email],
    )


def safe_next(next_url: str) -> str:
    """Keep a redirect target only if it is a path on this site."""
    if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts=None):
        return next_url
    return ""


@transaction.atomic
def user_signup(
    *,
    username: str,
    email: str,
    password: str,
    first_name: str,
    last_name: str,
    next_url: str = "",
):
    """Create an account that cannot log in until the link mailed to `email` is followed."""
    User = get_user_model()
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            {
                "email": ValidationError(
                    _("Det finns redan ett konto med den e-postadressen."), code="email_taken"
                )
            }
        )
    user = User(
        username=username,
        email=email,
        first_name=first_name,
        last_name=last_name,
        email_verified=False,
    )
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    _verification_mail(user=user, next_url=safe_next(next_url))
    return user


@transaction.atomic
def user_verify_email(*, token: str):
    """Mark the account's address as confirmed. Following the link twice is harmless.

    Raises ValidationError with code "expired" or "invalid".
    """
    try:
        user = tokens.user_for_verification_token(token)
    except tokens.ExpiredToken:
        raise ValidationError(
            _("Länken har gått ut. Be om en ny länk nedan, så skickar vi den till din e-post."),
            code="expired",
        ) from None
    except tokens.InvalidToken:
        raise ValidationError(
            _("Länken fungerar inte. Kontrollera att du fått med hela länken, eller be om en ny."),
            code="invalid",
        ) from None
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    if not user.email_verified:
        user.email_verified = True
        user.save(update_fields=["email_verified"])
    return user


@transaction.atomic
def user_resend_verification(*, email: str, next_url: str = "") -> None:
    """Mail a new link if an unconfirmed account has this address; say nothing either way, so
    the form cannot be used to find out who has an account."""
    user = (
        get_user_model()
        .objects.filter(email__iexact=(email or "").strip(), email_verified=False, is_active=True)
        .first()
    )
    if user is not None:
        _verification_mail(user=user, next_url=safe_next(next_url))


@transaction.atomic
def user_mark_email_verified(*, user) -> None:
    """Record that the person proved they read mail at the account's address (a password reset
    link followed, for example)."""
    get_user_model().objects.filter(pk=user.pk, email_verified=False).update(email_verified=True)
