"""The portal's ModelBackend reads the same permission set as Django's, in one query."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission

from accounts.backends import PortalModelBackend

from .. import factories

pytestmark = pytest.mark.django_db


def _fresh(user):
    return type(user).objects.get(pk=user.pk)


def test_the_permission_set_is_djangos_own_and_groups_in_one_query(django_assert_num_queries):
    group = Group.objects.create(name="Granskare")
    group.permissions.add(*Permission.objects.filter(codename__startswith="view_")[:5])
    other = Group.objects.create(name="Annan")
    other.permissions.add(Permission.objects.get(codename="change_initiative"))
    user = factories.user(staff=True, group=group)
    user.user_permissions.add(Permission.objects.get(codename="add_initiative"))
    # Another user's group is not this user's.
    factories.user(staff=True, group=other)

    expected = ModelBackend().get_all_permissions(_fresh(user))
    assert "initiatives.add_initiative" in expected and len(expected) == 6
    fresh = _fresh(user)
    with django_assert_num_queries(1):
        assert PortalModelBackend().get_all_permissions(fresh) == expected
    with django_assert_num_queries(0):
        assert fresh.has_perm("initiatives.add_initiative")
        assert not fresh.has_perm("initiatives.change_initiative")


def test_inactive_users_and_objects_have_no_permissions():
    user = factories.user(staff=True)
    user.user_permissions.add(Permission.objects.get(codename="add_initiative"))
    assert PortalModelBackend().get_all_permissions(_fresh(user), obj=user) == set()
    user.is_active = False
    assert PortalModelBackend().get_all_permissions(user) == set()


def test_a_superuser_has_every_permission():
    user = factories.user(superuser=True)
    assert len(PortalModelBackend().get_all_permissions(user)) == Permission.objects.count()
