"""The signed, expiring token in the link that confirms a new account's email address.

Django's own signing is used rather than django-allauth: the portal already has its own signup,
login and templates, and all it needs is one link that expires and cannot be forged. allauth
would replace those views, add its own address and login models and settings, and bring
features (social login, multiple addresses) the portal does not use.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing

SALT = "accounts.email_verification"


class InvalidToken(Exception):
    """The link was altered, names no account, or names an address the account no longer has."""


class ExpiredToken(Exception):
    """The link was genuine but is older than IOP_EMAIL_VERIFICATION_MAX_AGE."""


def make_verification_token(user) -> str:
    """Return a token naming the user and the address the mail goes to.

    The address is part of the signed value, so a link stops working if the address changes.
    """
    return signing.dumps({"u": user.pk, "e": user.email.lower()}, salt=SALT, compress=True)


def user_for_verification_token(token: str):
    """Return the user the token was made for, or raise ExpiredToken or InvalidToken."""
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.IOP_EMAIL_VERIFICATION_MAX_AGE)
    except signing.SignatureExpired:
        raise ExpiredToken from None
    except signing.BadSignature:
        raise InvalidToken from None
    user = get_user_model().objects.filter(pk=data.get("u")).first()
    if user is None or user.email.lower() != data.get("e"):
        raise InvalidToken
    return user
