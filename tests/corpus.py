"""The payload corpus (tests/payloads.json) and the checks of every place a payload shows up.

Used by tests/test_payload_corpus.py: the oracle says what a field must store for a payload
(iop_portal.text's cleaning, Django's strip, the field's limit), `pack` puts as many accepted
payloads into one value as the field's limit allows (so a few objects carry the whole corpus),
and the readers check an output: HTML (nothing injected, every piece read back), PDF (text with
pypdf, no embedded file, no link out), mail, CSV, JSON and Atom.
"""

import dataclasses
import html
import io
import json
import re
import socket
import threading
import unicodedata
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

from pypdf import PdfReader

from iop_portal import text as cleaning

PAYLOADS = Path(__file__).with_name("payloads.json")


@dataclasses.dataclass(frozen=True)
class Payload:
    id: str
    value: str


def load(port: int) -> list[Payload]:
    """Every payload (text, numbers, dates), with {PORT} pointing at the listener."""
    data = json.loads(PAYLOADS.read_text(encoding="utf-8"))
    out = []
    for key in ("text", "numbers", "dates"):
        for n, entry in enumerate(data[key], 1):
            if isinstance(entry, str):
                entry = {"id": f"{key}-{n}", "value": entry}
            entry.setdefault("id", f"{key}-{n}")
            value = entry["repeat"] * entry["times"] if "repeat" in entry else entry["value"]
            out.append(Payload(entry["id"], value.replace("{PORT}", str(port))))
    return out


class Listener:
    """A TCP listener on a loopback port that counts every connection made to it."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self):
        while not self._stop.is_set():
            try:
                conn, _addr = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            conn.close()

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.sock.close()


# --- The oracle: what a field stores ------------------------------------------------------------


def expected(kind: str, raw: str) -> str:
    """What a "line" or "text" field stores for `raw` (before its limit is checked)."""
    value = raw.strip()
    if kind == "line":
        return cleaning.clean_line(value)
    return cleaning.clean_text(value).strip()


def pack(payloads, *, kind: str, limit: int | None, required: bool) -> list[tuple[str, list]]:
    """The payloads a field accepts, as few values as its limit allows: [(value, pieces)], where
    pieces are (payload id, what that payload stores) in the order packed."""
    join = "" if kind == "line" else "\n"
    values, raw, pieces = [], [], []
    for p in payloads:
        alone = expected(kind, p.value)
        if limit is not None and len(alone) > limit:
            continue  # refused: the form pass checks that
        trial = expected(kind, join.join([*raw, p.value]))
        if raw and limit is not None and len(trial) > limit:
            values.append((join.join(raw), pieces))
            raw, pieces = [], []
        raw.append(p.value)
        pieces.append((p.id, alone))
    if raw:
        values.append((join.join(raw), pieces))
    if required:
        values = [(v, pcs) for v, pcs in values if expected(kind, v)] or values
    return values


# --- Reading outputs -----------------------------------------------------------------------------

RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "base", "frame", "frameset", "applet"}
URL_ATTRS = {"href", "src", "action", "formaction", "data", "poster", "background", "srcset"}


class _Page(HTMLParser):
    """Collect a page's text (tags as spaces) and anything a payload could have injected."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.problems = [], []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.text.append(" ")
        attrs = dict(attrs)
        if tag in FORBIDDEN_TAGS and not (tag == "script" and _own(attrs.get("src"))):
            self.problems.append(f"<{tag} {attrs}>")
        self._in_script = tag in ("script", "style")
        if tag == "link" and not _own(attrs.get("href")):
            self.problems.append(f"<link {attrs}>")
        if tag == "meta" and "http-equiv" in attrs and attrs["http-equiv"].lower() == "refresh":
            self.problems.append(f"<meta {attrs}>")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            if name in URL_ATTRS and value and not _own(value):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name == "style" and value and ("url(" in value or "expression" in value):
                self.problems.append(f"<{tag} style={value!r}>")

    def handle_endtag(self, tag):
        self.text.append(" ")
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            if "127.0.0.1" in data or "@import" in data or "alert(" in data:
                self.problems.append(f"script or style text {data[:80]!r}")
            return
        self.text.append(data)


def _own(url: str | None) -> bool:
    """A URL the portal itself writes: its own paths, fragments, data: icons, mailto."""
    if not url:
        return True
    url = url.strip()
    return (
        url.startswith(("/", "#", "?", "data:,", "mailto:", "tel:"))
        and not url.startswith("//")
        or url.startswith(("http://testserver/", "https://portal.invalid/"))
        or re.fullmatch(r"[\w./-]*", url) is not None  # a relative path or a form's "."
    )


def read_html(content: bytes | str) -> str:
    """The page's text, whitespace collapsed; fails if anything was injected."""
    if isinstance(content, bytes):
        content = content.decode()
    page = _Page()
    page.feed(content)
    page.close()
    assert not page.problems, f"injected into the page: {page.problems[:5]}"
    text = "".join(page.text)
    assert_clean_output(text)
    return " ".join(text.split())


def read_pdf(pdf: bytes) -> str:
    """The PDF's text with all whitespace removed (extraction breaks lines anywhere); fails if
    the PDF embeds a file or links anywhere but the portal."""
    reader = PdfReader(io.BytesIO(pdf))
    assert not reader.attachments, f"embedded files: {list(reader.attachments)}"
    assert "/EmbeddedFiles" not in str(reader.trailer["/Root"].get("/Names", {}))
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A") or {}
            uri = str(action.get("/URI", ""))
            assert not uri or uri.startswith("https://portal.invalid/"), f"link in PDF: {uri}"
    text = "".join(page.extract_text() for page in reader.pages)
    return pdf_norm(text)


def pdf_norm(value: str) -> str:
    return "".join(unicodedata.normalize("NFKC", value).split())


def space_norm(value: str) -> str:
    return " ".join(value.split())


def assert_clean_output(text: str) -> None:
    """No control character, and no line in which a bidi control stays open."""
    bad = {ch for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r"}
    assert not bad, f"control characters in the output: {sorted(map(hex, map(ord, bad)))}"
    for line in text.splitlines():
        assert cleaning.balance_bidi(line) == line, f"a bidi control is left open: {line[:80]!r}"


def unescape_csv_cell(cell: str) -> str:
    return cell[1:] if cell.startswith("'") else cell


# --- Counting ------------------------------------------------------------------------------


class Tally:
    """How many (payload, field, output) read-backs the corpus made, and the skipped ones."""

    def __init__(self):
        self.checks = Counter()
        self.fields, self.outputs, self.payloads = set(), set(), set()
        self.skipped = 0

    def found(self, output: str, field: str, pieces, haystack: str, *, norm=space_norm, fn=None):
        """Assert every piece of `field` reads back in `haystack` (normalised with `norm`)."""
        for payload_id, piece in pieces:
            shown = fn(piece) if fn else piece
            if norm is pdf_norm and RTL.search(shown):
                # pypdf gives right-to-left runs in visual order: not comparable as text.
                self.skipped += 1
                continue
            assert norm(shown) in haystack, (
                f"{output}: {field} does not read back payload {payload_id}: {shown[:80]!r}"
            )
            self.checks[output] += 1
            self.payloads.add(payload_id)
        self.fields.add(field)
        self.outputs.add(output)

    def checked(self, output: str, field: str, payload_id: str):
        self.checks[output] += 1
        self.fields.add(field)
        self.outputs.add(output)
        self.payloads.add(payload_id)

    def total(self) -> int:
        return sum(self.checks.values())

    def summary(self, title: str) -> str:
        return (
            f"{title}: {len(self.payloads)} payloads × {len(self.fields)} fields × "
            f"{len(self.outputs)} outputs = {self.total()} checks"
            + (f" ({self.skipped} right-to-left PDF read-backs skipped)" if self.skipped else "")
        )


def escaped(value: str) -> str:
    return html.escape(value)
