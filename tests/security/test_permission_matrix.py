"""Every URL the resolver knows, against every role: each answers as the table says.

The table (matrix/table_*.py) has an entry for every URL pattern, Django's, the admin's
and the libraries' included, with what each role gets for an object in its scope and for one
outside it. Each request runs against the same real objects (matrix/world.py); a refused
request must leave every table of the database as it was.
"""

import pytest
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver

from .matrix import probe
from .matrix import world as world_module
from .matrix.known_open import KNOWN_OPEN
from .matrix.table_admin import MODELS
from .matrix.table_admin_custom import SITE
from .matrix.table_namnddocs import PORTAL as NAMND_DOCS_PORTAL
from .matrix.table_namnddocs import SITE as NAMND_DOCS_SITE
from .matrix.table_portal import PORTAL
from .matrix.world import ROLES

pytestmark = pytest.mark.django_db

TABLE = PORTAL | MODELS | SITE | NAMND_DOCS_SITE | NAMND_DOCS_PORTAL
METHODS = ("GET", "POST")


def routes(resolver=None, prefix="") -> list[str]:
    """Every URL pattern, as its full route: the prefixes of its includes and its own."""
    found = []
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            found += routes(pattern, route)
        else:
            assert isinstance(pattern, URLPattern)
            found.append(route)
    return found


def requests() -> list:
    """(route, target, method) for every row of the table; each asks as every role."""
    return [
        pytest.param(route, target, method, id=f"{method} {route} {target}")
        for route, entry in TABLE.items()
        for method in METHODS
        for target in entry.grid_for(method)
    ]


REQUESTS = requests()


@pytest.fixture(autouse=True)
def _test_settings():
    """The settings are the module's (see `world`); the per-test ones would move MEDIA_ROOT."""


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The objects, made once for the module in a transaction that is rolled back at its end;
    each request runs in the test's own savepoint inside it."""
    settings = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        MEDIA_ROOT=tmp_path_factory.mktemp("matrix-media"),
        LANGUAGE_CODE="sv",
    )
    with django_db_blocker.unblock(), settings, transaction.atomic():
        made = world_module.build()
        made.baseline = probe.snapshot()
        made.forms = {}
        yield made
        transaction.set_rollback(True)


def test_every_url_pattern_has_an_entry_and_every_entry_a_pattern():
    known = routes()
    missing = [route for route in known if route not in TABLE]
    stale = [route for route in TABLE if route not in known]
    assert not missing, "URL patterns without an entry in the permission matrix:\n" + "\n".join(
        missing
    )
    assert not stale, "Entries for URL patterns that no longer exist:\n" + "\n".join(stale)


def test_the_matrix_size():
    """The figure for the notes: patterns × roles × requests (every target and method)."""
    patterns, cells = len(TABLE), len(REQUESTS) * len(ROLES)
    print(
        f"\npermission matrix: {patterns} patterns × {len(ROLES)} roles × "
        f"{cells / patterns / len(ROLES):.2f} requests each = {cells} requests; "
        f"{len(KNOWN_OPEN)} of them known to fail until a fix is merged"
    )
    assert cells >= patterns * len(ROLES) * len(METHODS)
    unknown = [key for key in KNOWN_OPEN if key[0] not in TABLE]
    assert not unknown, f"known-open cells of patterns not in the table: {unknown}"


def _form(world, route, entry, target, url) -> dict:
    """The page's own form as its reference user sees it (cached), to post it back."""
    ref = entry.ref or (
        "superuser"
        if route.startswith("admin/")
        else "other_member"
        if target in ("other_org", "other_draft", "other")
        else "firmatecknare"
    )
    key = (url, ref)
    if key not in world.forms:
        with transaction.atomic():
            response = world.client(ref).get(url)
            transaction.set_rollback(True)
        is_page = response.status_code == 200 and response.get("Content-Type", "").startswith(
            "text/html"
        )
        world.forms[key] = (
            probe.page_form(response.content.decode(), url.split("?")[0]) if is_page else {}
        )
    return world.forms[key]


def _ask(world, route, entry, role, target, method) -> str | None:
    """Send the request as `role`; None if it got what the table says, else what went wrong."""
    want = entry.grid_for(method)[target][ROLES.index(role)]
    url = entry.url(world, target)
    where = f"{method} {url} as {role}"
    if method == "POST":
        if entry.data:
            data = entry.data(world, target)
        elif entry.post is None:
            data = {}  # the view only reads: there is no form to post
        else:
            data = _form(world, route, entry, target, url)
    writes = probe.write_count()
    with transaction.atomic():
        client = world.client(role)
        response = client.post(url, data) if method == "POST" else client.get(url)
        got = probe.outcome(response)
        if got != want.rstrip("="):
            transaction.set_rollback(True)
            return f"{where}: got {got}, the table says {want} {probe.form_errors(response)}"
        changed = []
        if entry.must_keep(method, want) and probe.write_count() != writes:
            changed = probe.changed_tables(world.baseline, probe.snapshot())
        transaction.set_rollback(True)
    if changed:
        return f"{where} answered {got} but changed {changed}"
    return None


@pytest.mark.parametrize(("route", "target", "method"), REQUESTS)
def test_url(world, route, target, method):
    """Every role asks; each gets what the table says, or what KNOWN_OPEN says is still open."""
    entry = TABLE[route]
    wrong, still_open = [], []
    for role in ROLES:
        problem = _ask(world, route, entry, role, target, method)
        reason = KNOWN_OPEN.get((route, role, target, method))
        if reason is None and problem:
            wrong.append(problem)
        elif reason is not None and problem is None:
            wrong.append(
                f"{method} as {role} now answers as the table says: delete it from "
                f"KNOWN_OPEN ({reason})"
            )
        elif reason is not None:
            still_open.append((role, reason))
    assert not wrong, "\n".join(wrong)
    if still_open:
        roles = ", ".join(role for role, _reason in still_open)
        reasons = "; ".join(dict.fromkeys(reason for _role, reason in still_open))
        pytest.xfail(f"still open for {roles}: {reasons}")


def test_a_write_is_seen_and_named(world):
    """The database check can fail: a row changed inside the request's savepoint is counted
    and its table named, and a cell that says `302=` fails when the POST writes."""
    from django.urls import reverse

    from .matrix.table import Entry, admin

    before = probe.write_count()
    with transaction.atomic():
        kommun = world.town.kommun
        kommun.name = "Ändrad kommun"
        kommun.save()
        assert probe.write_count() > before
        assert probe.changed_tables(world.baseline, probe.snapshot()) == ["accounts_kommun"]
        transaction.set_rollback(True)
    assert probe.changed_tables(world.baseline, probe.snapshot()) == []

    group = world.obj("group", "handlaggare")
    url = reverse("admin:auth_group_change", args=[group.pk])
    claims_nothing = Entry(
        lambda w, t: url, admin(_="403 403 302"), post=admin(_="403 403 302="), ref="superuser"
    )
    problem = _ask(world, "group", claims_nothing, "superuser", "_", "POST")
    assert problem and "django_admin_log" in problem


def test_a_refused_post_is_the_whole_form_the_page_offers(world):
    """The POST a refused role sends is what the page's form holds for a user who may use it:
    here the organisation's profile, bankgiro included, as the superuser sees it."""
    from django.urls import reverse

    organisation = world.obj("organisation", "other")
    url = reverse("admin:organisations_organisation_change", args=[organisation.pk])
    entry = TABLE["admin/organisations/organisation/<path:object_id>/change/"]
    data = _form(
        world, "admin/organisations/organisation/<path:object_id>/change/", entry, "other", url
    )
    assert data["name"] == [organisation.name] and "bankgiro" in data and "_save" in data
    assert data["membership_set-TOTAL_FORMS"]
