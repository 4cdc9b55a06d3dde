"""Accounts: signup with a confirmed email address, login lockout, and password reset."""

import datetime
import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts import services, tokens

from .. import factories

SIGNUP = {
    "first_name": "Alva",
    "last_name": "Andersson",
    "email": "Alva@Forening.example",
    "username": "alva",
    "password1": "ett-langt-losenord-77",
    "password2": "ett-langt-losenord-77",
}


def link_in(message, path_prefix: str) -> str:
    """The path of the first link in the mail that starts with `path_prefix`."""
    match = re.search(rf"https?://[^/\s]+({re.escape(path_prefix)}\S*)", message.body)
    assert match, message.body
    return match.group(1)


def sign_up(**changes):
    data = {k: v for k, v in SIGNUP.items() if k not in ("password1", "password2")}
    data["password"] = SIGNUP["password1"]
    with_changes = data | changes
    return services.user_signup(**with_changes)


def log_in(client, username="alva", password=SIGNUP["password1"], **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


@pytest.mark.django_db
def test_signup_makes_an_unconfirmed_account_and_mails_a_link(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("signup"), SIGNUP)
    assert response.status_code == 302 and response["Location"] == reverse("signup_done")
    user = get_user_model().objects.get(username="alva")
    assert user.email == "alva@forening.example"
    assert not user.email_verified
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alva@forening.example"]
    assert message.subject == "Bekräfta din e-postadress för IOP-portalen"
    assert "Länken gäller i 72 timmar" in message.body
    assert link_in(message, "/konto/bekrafta/")
    assert "_auth_user_id" not in client.session  # not logged in


@pytest.mark.django_db
def test_an_unconfirmed_account_cannot_log_in_and_is_told_why_in_swedish(client):
    sign_up()
    response = log_in(client)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    errors = response.context["form"].non_field_errors()
    assert errors == [
        "Du behöver bekräfta din e-postadress innan du kan logga in. Följ länken i mejlet "
        "vi skickade, eller be om en ny länk."
    ]
    assert reverse("resend_verification") in response.content.decode()


@pytest.mark.django_db
def test_following_the_link_confirms_the_address_and_then_login_works(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up()
    path = link_in(mail.outbox[0], "/konto/bekrafta/")
    response = client.get(path)
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert get_user_model().objects.get(username="alva").email_verified
    # A second click on the same link is harmless.
    assert client.get(path).status_code == 302
    response = log_in(client)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(get_user_model().objects.get().pk)


@pytest.mark.django_db
def test_an_expired_link_is_refused_and_a_new_one_can_be_asked_for(
    client, settings, monkeypatch, django_capture_on_commit_callbacks
):
    user = sign_up()
    real_time = signing.time.time
    made_at = real_time() - settings.IOP_EMAIL_VERIFICATION_MAX_AGE - 60
    monkeypatch.setattr(signing.time, "time", lambda: made_at)
    old_token = tokens.make_verification_token(user)
    monkeypatch.setattr(signing.time, "time", real_time)

    with pytest.raises(ValidationError) as refused:
        services.user_verify_email(token=old_token)
    assert refused.value.code == "expired"
    response = client.get(reverse("verify_email", args=[old_token]))
    assert response.status_code == 400
    assert "Länken har gått ut." in response.content.decode()
    user.refresh_from_db()
    assert not user.email_verified

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("resend_verification"), {"email": "ALVA@forening.example"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert client.get(link_in(mail.outbox[0], "/konto/bekrafta/")).status_code == 302
    user.refresh_from_db()
    assert user.email_verified


@pytest.mark.django_db
def test_a_tampered_link_or_one_for_an_old_address_is_refused(client):
    user = sign_up()
    token = tokens.make_verification_token(user)
    with pytest.raises(ValidationError) as refused:
        services.user_verify_email(token=token[:-2] + "xx")
    assert refused.value.code == "invalid"
    user.email = "ny@forening.example"
    user.save()
    with pytest.raises(ValidationError) as refused:
        services.user_verify_email(token=token)
    assert refused.value.code == "invalid"
    user.refresh_from_db()
    assert not user.email_verified


@pytest.mark.django_db
def test_resend_says_the_same_for_unknown_and_confirmed_addresses_and_sends_nothing(
    client, django_capture_on_commit_callbacks
):
    factories.user("bekraftad")  # confirmed, as every account made by staff is
    for email in ("ingen@example.org", "bekraftad@example.org"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("resend_verification"), {"email": email}, follow=True)
        assert "Om det finns ett obekräftat konto med adressen" in response.content.decode()
    assert mail.outbox == []


@pytest.mark.django_db
def test_signup_refuses_a_taken_address_and_keeps_what_was_typed(client):
    taken = factories.user("alva")
    taken.email = "alva@forening.example"
    taken.save()
    response = client.post(reverse("signup"), SIGNUP | {"username": "alva2"})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["email"] == ["Det finns redan ett konto med den e-postadressen."]
    assert form["first_name"].value() == "Alva"
    assert 'href="#id_email"' in response.content.decode()


@pytest.mark.django_db
def test_signup_keeps_only_a_local_next_in_the_link(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(next_url="https://evil.example/steal")
        sign_up(username="bo", email="bo@example.org", next_url="/inbjudan/abc/")
    assert "evil" not in mail.outbox[0].body
    assert "?next=%2Finbjudan%2Fabc%2F" in mail.outbox[1].body


# --- Lockout (django-axes) ---------------------------------------------------------------------


@pytest.mark.django_db
def test_login_locks_after_the_failure_limit_and_unlocks_after_the_cool_off(client, settings):
    user = factories.user("kim")
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):
        response = log_in(client, "kim", "fel-losenord")
        assert response.status_code == 200
        assert "Fel användarnamn eller lösenord." in response.content.decode()
    response = log_in(client, "kim", "fel-losenord")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Inloggningen är tillfälligt spärrad" in page
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    assert re.search(rf"Försök igen om {minutes} minuter, klockan \d\d:\d\d\.", page)
    assert reverse("password_reset") in page

    # Locked: even the right password is refused from this address, and trying again does not
    # move the time the page named...
    until = response.context["until"]
    response = log_in(client, "kim", factories.PASSWORD)
    assert response.status_code == 429
    assert response.context["until"] == until
    assert "_auth_user_id" not in client.session
    # ...but not from another, so an attacker cannot lock the rightful user out everywhere.
    other = client.__class__()
    response = log_in(other, "kim", factories.PASSWORD, REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 302

    # When the cool-off has passed the lock lifts by itself.
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time
        - settings.AXES_COOLOFF_TIME
        - datetime.timedelta(seconds=1)
    )
    response = log_in(client, "kim", factories.PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    # Success clears the count: a later typo starts again from one.
    assert not AccessAttempt.objects.filter(username="kim").exists()


@pytest.mark.django_db
def test_failures_on_another_username_do_not_lock_this_one(client, settings):
    factories.user("kim")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "someone-else", "fel")
    assert log_in(client, "kim", factories.PASSWORD).status_code == 302


# --- Password reset ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_password_reset_by_mail_sets_a_new_password_and_confirms_the_address(
    client, django_capture_on_commit_callbacks
):
    user = sign_up()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": "alva@forening.example"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Välj ett nytt lösenord för IOP-portalen"
    path = link_in(message, "/konto/losenord/")
    response = client.get(path, follow=True)
    assert response.context["validlink"]
    set_url = response.redirect_chain[-1][0]
    new = "ett-annat-langt-losenord-88"
    response = client.post(set_url, {"new_password1": new, "new_password2": new})
    assert response.status_code == 302 and response["Location"] == reverse(
        "password_reset_complete"
    )
    user.refresh_from_db()
    assert user.check_password(new)
    assert user.email_verified  # the link went to the address, so it is confirmed
    assert log_in(client, "alva", new).status_code == 302
    # The link works once.
    assert not client.get(path, follow=True).context["validlink"]


@pytest.mark.django_db
def test_password_reset_for_an_unknown_address_looks_the_same_and_sends_nothing(client):
    response = client.post(reverse("password_reset"), {"email": "ingen@example.org"})
    assert response.status_code == 302 and response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_link_leads_back_to_where_the_person_was_going(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("signup") + "?next=/inbjudan/abc/", SIGNUP)
    response = client.get(link_in(mail.outbox[0], "/konto/bekrafta/"))
    assert response["Location"] == reverse("login") + "?next=%2Finbjudan%2Fabc%2F"
