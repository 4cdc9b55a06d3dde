"""What one request got, the form a page offers (to post it back), and the database's state."""

from html.parser import HTMLParser

from django.db import connection

LOGIN_PATH = "/konto/logga-in/"
ADMIN_LOGIN_PATH = "/admin/login/"


def outcome(response) -> str:
    """The response as the table writes it: a status, or where a redirect goes to log in."""
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(LOGIN_PATH):
            return "login"
        if location.startswith(ADMIN_LOGIN_PATH):
            return "alogin"
    return str(response.status_code)


# --- The form a page offers -----------------------------------------------------------------


class _Forms(HTMLParser):
    """Every POST form of a page with the values it would send as it stands."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self._form = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            if (a.get("method") or "get").lower() == "post":
                self._form = {"action": a.get("action") or "", "fields": [], "submit": None}
                self.forms.append(self._form)
            return
        form = self._form
        if form is None or "disabled" in a:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "image"):
                form["submit"] = form["submit"] or (name, a.get("value", ""))
            elif kind in ("checkbox", "radio"):
                if "checked" in a:
                    form["fields"].append((name, a.get("value", "on")))
            elif kind not in ("file", "button", "reset"):
                form["fields"].append((name, a.get("value", "")))
        elif tag == "button" and name and (a.get("type") or "submit") == "submit":
            form["submit"] = form["submit"] or (name, a.get("value", ""))
        elif tag == "select" and name:
            self._select = {"name": name, "first": None, "chosen": [], "multiple": "multiple" in a}
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if self._select["first"] is None:
                self._select["first"] = value
            if "selected" in a:
                self._select["chosen"].append(value)
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None and self._form is not None:
            s = self._select
            values = s["chosen"] or ([] if s["multiple"] or s["first"] is None else [s["first"]])
            self._form["fields"] += [(s["name"], v) for v in values]
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            name, text = self._textarea
            self._form["fields"].append((name, text.removeprefix("\n")))
            self._textarea = None


def page_form(html: str, path: str) -> dict[str, list[str]]:
    """The data of the page's main POST form (the one posting to the page itself with the
    most fields), ready to post back; {} if the page has none."""
    parser = _Forms()
    parser.feed(html)
    own = [f for f in parser.forms if f["action"] in ("", path, ".") or f["action"].startswith("?")]
    if not own:
        return {}
    form = max(own, key=lambda f: len(f["fields"]))
    data: dict[str, list[str]] = {}
    for name, value in form["fields"] + ([form["submit"]] if form["submit"] else []):
        data.setdefault(name, []).append(value)
    return data


# --- The database's state -------------------------------------------------------------------


# The visitor's own session (which organisation they act for, their messages) is theirs to
# change, also by a request that is refused; every other table is the portal's record.
OWN_STATE = ("django_session",)


def tables() -> list[str]:
    """Every table in the database but the session: the models', their history, m2m, the
    admin's log, Django's and the libraries' own."""
    return sorted(set(connection.introspection.table_names()) - set(OWN_STATE))


def write_count() -> int:
    """Rows inserted, updated or deleted so far in this transaction, in all tables.

    The counter only grows (a rolled-back write still counts), so an unchanged count proves
    that nothing was written; a changed one is looked at row by row with snapshot().
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) "
            "FROM pg_stat_xact_user_tables WHERE NOT relname = ANY(%s)",
            [list(OWN_STATE)],
        )
        return int(cursor.fetchone()[0])


def snapshot() -> dict[str, tuple[int, str]]:
    """Each table's row count and a hash of all its rows."""
    quote = connection.ops.quote_name
    # Table names from the database's own catalogue, quoted: nothing here comes from a request.
    row = "SELECT %s, count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))"
    parts = [f"{row} FROM {quote(name)} t" for name in tables()]  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), tables())
        return {name: (count, digest) for name, count, digest in cursor.fetchall()}


def changed_tables(before: dict, after: dict) -> list[str]:
    return sorted(
        name for name in before.keys() | after.keys() if before.get(name) != after.get(name)
    )


def form_errors(response) -> str:
    """The errors of the forms a page came back with, to say why a POST did not go through."""
    found = []
    for context in getattr(response, "context", None) or []:
        for key in ("form", "adminform", "errors"):
            value = context.get(key)
            errors = getattr(value, "errors", None) if key != "errors" else value
            if errors:
                found.append(f"{key}: {errors!s:.300}")
        break
    return "; ".join(found)
