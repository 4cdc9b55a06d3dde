"""Swedish is the source language; the English catalogue must be complete and compiled."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.test import Client
from django.utils import translation

BASE = Path(__file__).resolve().parents[2]  # the settings' BASE_DIR, without reading them
PO = BASE / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _entries():
    return [e for e in polib.pofile(str(PO)) if not e.obsolete]


def test_every_string_is_translated_to_english():
    entries = _entries()
    assert len(entries) > 200
    untranslated = [e.msgid for e in entries if not e.translated()]
    fuzzy = [e.msgid for e in entries if "fuzzy" in e.flags]
    assert untranslated == [] and fuzzy == []


def test_placeholders_survive_translation():
    for e in _entries():
        targets = [e.msgstr] if not e.msgid_plural else list(e.msgstr_plural.values())
        for target in targets:
            assert set(PLACEHOLDER.findall(e.msgid)) == set(PLACEHOLDER.findall(target)), e.msgid


def test_compiled_catalogue_matches_the_po_file():
    compiled = {(e.msgctxt, e.msgid): e.msgstr for e in polib.mofile(str(MO)) if not e.msgid_plural}
    source = {(e.msgctxt, e.msgid): e.msgstr for e in _entries() if not e.msgid_plural}
    assert compiled == source, "run 'make messages' and commit the .mo"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="gettext is installed by make test")
def test_no_string_in_the_code_is_missing_from_the_catalogue(tmp_path):
    tree = tmp_path / "tree"
    shutil.copytree(
        BASE,
        tree,
        ignore=shutil.ignore_patterns(
            ".venv", "var", "staticfiles", ".git", "node_modules", "*.mo"
        ),
    )
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--no-obsolete"],
        cwd=tree,
        check=True,
        capture_output=True,
        timeout=120,
    )
    fresh = {(e.msgctxt, e.msgid) for e in polib.pofile(str(tree / PO.relative_to(BASE)))}
    known = {(e.msgctxt, e.msgid) for e in _entries()}
    assert fresh - known == set(), "run 'make messages' and translate the new strings"


@pytest.mark.django_db
def test_pages_switch_language():
    client = Client()
    page = client.get("/").content.decode()
    assert 'lang="sv"' in page and "Skapa konto" in page
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/").content.decode()
    assert 'lang="en"' in page
    assert "Skapa konto" not in page
    with translation.override("en"):
        from initiatives.models import Status

        assert str(Status.SUBMITTED.label) != "Inkommen"


@pytest.mark.django_db
def test_an_english_browser_still_gets_swedish_until_the_user_chooses():
    client = Client(headers={"accept-language": "en-US,en;q=0.9"})
    assert 'lang="sv"' in client.get("/").content.decode()


@pytest.mark.django_db
def test_the_admins_date_shortcuts_are_named_in_swedish(admin_client):
    # Django's Swedish catalogue lacks these: the link read "I dag" but was named "Today (…)".
    with translation.override("sv"):
        body = admin_client.get("/admin/jsi18n/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert '"Today (%(date)s)": "I dag (%(date)s)"' in body
    assert '"%(month)s %(day)s, %(year)s": "%(day)s %(month)s %(year)s"' in body
