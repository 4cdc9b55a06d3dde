"""Password hashing: Argon2id with OWASP's parameters, and old PBKDF2 hashes upgraded at login."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher, identify_hasher
from django.urls import reverse

from iop_portal import settings as portal_settings

PASSWORD = "ett-langt-losenord-77"


@pytest.fixture
def production_hashers(settings):
    # tests/conftest.py switches to a fast hasher; these tests are about the real list.
    settings.PASSWORD_HASHERS = portal_settings.PASSWORD_HASHERS


def test_argon2id_with_owasp_parameters_comes_first_and_pbkdf2_is_still_read():
    assert portal_settings.PASSWORD_HASHERS[0] == "accounts.hashers.OwaspArgon2PasswordHasher"
    assert "django.contrib.auth.hashers.PBKDF2PasswordHasher" in portal_settings.PASSWORD_HASHERS


@pytest.mark.django_db
def test_a_new_password_is_stored_as_argon2id_19_mib_2_passes_1_lane(production_hashers):
    user = get_user_model().objects.create_user("alva", password=PASSWORD)
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert user.check_password(PASSWORD)


@pytest.mark.django_db
def test_an_old_pbkdf2_hash_logs_in_and_is_rehashed_with_argon2(client, production_hashers):
    # A hash as the portal stored them before (PBKDF2; fewer iterations only to keep this fast).
    old_hash = PBKDF2PasswordHasher().encode(PASSWORD, "gammaltsalt", iterations=1000)
    user = get_user_model().objects.create_user("alva")
    user.password = old_hash
    user.save(update_fields=["password"])

    response = client.post(reverse("login"), {"username": "alva", "password": PASSWORD})

    assert response.status_code == 302, response.content.decode()[:500]
    user.refresh_from_db()
    assert identify_hasher(user.password).algorithm == "argon2"
    assert "m=19456,t=2,p=1" in user.password
    assert user.check_password(PASSWORD)
    assert client.get(reverse("initiatives:my_cases")).status_code == 200


@pytest.mark.django_db
def test_an_argon2_hash_with_other_parameters_is_brought_up_to_these(client, production_hashers):
    from django.contrib.auth.hashers import Argon2PasswordHasher

    user = get_user_model().objects.create_user("alva")
    user.password = Argon2PasswordHasher().encode(PASSWORD, "ettsaltsalt")  # Django's defaults
    user.save(update_fields=["password"])

    client.post(reverse("login"), {"username": "alva", "password": PASSWORD})

    user.refresh_from_db()
    assert "m=19456,t=2,p=1" in user.password
