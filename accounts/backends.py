"""Django's ModelBackend, with a user's permissions read in one statement instead of two."""

from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection


class PortalModelBackend(ModelBackend):
    """ModelBackend whose permission set (the user's own and their groups') is one statement.

    Every staff page asks for the set once per request. Django reads the user's own permissions
    and the groups' in two ORM queries, whose building cost more than the database's answer; the
    statement here is written once, from the models' own tables. The set, its cache on the user
    object and every answer are Django's; only the reading is folded.
    """

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            if user_obj.is_superuser:
                sql, params = _statement(every=True), []
            else:
                sql, params = _statement(every=False), [user_obj.pk, user_obj.pk]
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                user_obj._perm_cache = {f"{app}.{codename}" for app, codename in cursor.fetchall()}
        return user_obj._perm_cache


@cache
def _statement(*, every: bool) -> str:
    """The SELECT of (app_label, codename) for every permission, or for one user's."""
    user = get_user_model()
    q = connection.ops.quote_name
    own = user.user_permissions.through._meta
    member = user.groups.through._meta
    granted = Group.permissions.through._meta
    # Only quoted table and column names of the models go in; the user's id is a parameter.
    permission = q(Permission._meta.db_table)
    select = (
        f"SELECT ct.{q('app_label')}, p.{q('codename')} FROM {permission} p"  # noqa: S608
        f" JOIN {q(ContentType._meta.db_table)} ct ON ct.{q('id')} = p.{q('content_type_id')}"
    )
    if every:
        return select
    own_user = q(own.get_field("user").column)
    member_group, member_user = (q(member.get_field(f).column) for f in ("group", "user"))
    return (
        f"{select} WHERE p.{q('id')} IN ("  # noqa: S608
        f"SELECT {q('permission_id')} FROM {q(own.db_table)} WHERE {own_user} = %s"
        f" UNION SELECT g.{q('permission_id')} FROM {q(granted.db_table)} g"
        f" JOIN {q(member.db_table)} m ON m.{member_group} = g.{q('group_id')}"
        f" WHERE m.{member_user} = %s)"
    )
