"""The payload corpus (payloads.json) and the checks of every place a payload shows up.

Used by test_payload_corpus.py: the oracle says what a field must store for a payload
(core.text's cleaning, Django's strip, the field's limit), `pack` puts as many accepted
payloads into one value as the field's limit allows (so a few objects carry the whole corpus),
and the readers check an output: HTML (nothing injected, every piece read back), PDF (text with
pypdf, no embedded file, no link out), mail, CSV, JSON and Atom.
"""

import dataclasses
import functools
import html
import io
import json
import os
import re
import socket
import threading
import unicodedata
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

from django import forms
from django.core import validators
from pypdf import PdfReader
from pypdf.generic import NameObject

from core import text as cleaning
from core.fields import LineFormField, TextFormField

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

_PLAIN = (
    validators.MaxLengthValidator,
    validators.MinLengthValidator,
    validators.ProhibitNullCharactersValidator,
)


def kind_of(field, model_field=None) -> str:
    """How the oracle judges a form field: "line", "text", "int", "date", or "other" (a field
    with validators of its own: an e-mail address, an organisationsnummer, a diary pattern)."""
    if isinstance(field, LineFormField | TextFormField):
        own = [*field.validators, *(model_field.validators if model_field else [])]
        if any(not isinstance(v, _PLAIN) for v in own):
            return "other"
        return "line" if isinstance(field, LineFormField) else "text"
    if isinstance(field, forms.IntegerField):
        return "int"
    if isinstance(field, forms.DateField):
        return "date"
    return "other"


# Pure functions of their strings, asked again for each field a payload is packed into: cached
# (the corpus's bidi scan alone was a tenth of the output pass).
@functools.lru_cache(maxsize=1 << 16)
def expected(kind: str, raw: str) -> str:
    """What a "line" or "text" field stores for `raw` (before its limit is checked)."""
    value = raw.strip()
    if kind == "line":
        return cleaning.clean_line(value)
    return cleaning.clean_text(value).strip()


def _own_line(kind: str, raw: str) -> bool:
    """A multi-line payload, or one with a bidi control (balanced per line), keeps its lines."""
    if kind == "line":
        return False
    stored = cleaning.clean_text(raw)
    return "\n" in stored or bool(cleaning.BIDI_CONTROLS & set(stored))


@functools.lru_cache(maxsize=1 << 16)
def right_to_left(kind: str, raw: str) -> bool:
    """Whether the stored payload has right-to-left letters, Arabic digits or bidi controls."""
    stored = expected(kind, raw)
    return bool(cleaning.BIDI_CONTROLS & set(stored)) or any(
        unicodedata.bidirectional(ch) in ("R", "AL", "AN") for ch in stored
    )


def pack(payloads, *, kind: str, limit: int | None, required: bool) -> list[tuple[str, list]]:
    """The payloads a field accepts, as few values as its limit allows: [(value, pieces)], where
    pieces are (payload id, what that payload stores) in the order packed. One-line payloads
    are joined as they are; in multi-line text by a space, or a line break around a payload
    that has lines or bidi controls of its own (so that each reads back as it would alone).

    Right-to-left payloads come last, in values of their own: a PDF lays out a block as one
    bidi paragraph, so they would reorder their neighbours in the extracted text.
    """
    ltr = [p for p in payloads if not right_to_left(kind, p.value)]
    rtl = [p for p in payloads if right_to_left(kind, p.value)]
    return _pack(ltr, kind=kind, limit=limit, required=required) + _pack(
        rtl, kind=kind, limit=limit, required=required
    )


def _length(kind: str, value: str) -> int:
    """The stored length of `value` as the start of a longer value: its trailing whitespace
    counts, since the next payload makes it inner whitespace."""
    return len(expected(kind, value + "x")) - 1


def _pack(payloads, *, kind, limit, required):
    values, joined, pieces, last_own, length = [], "", [], False, 0
    for p in payloads:
        alone = expected(kind, p.value)
        if limit is not None and len(alone) > limit:
            continue  # refused: the form pass checks that
        own = _own_line(kind, p.value)
        sep = "" if kind == "line" or not joined else ("\n" if own or last_own else " ")
        trial = joined + sep + p.value
        # The stored length, exactly where it matters: cleaning the whole value for each
        # payload would take minutes; far from the limit the sum of the parts bounds it
        # (cleaning only removes characters, but for the closers a line's bidi controls get,
        # which a payload with them brings on its own line, as `alone` counts them).
        estimate = length + len(sep) + max(len(p.value), len(alone))
        trial_length = estimate if limit is None or estimate < limit else _length(kind, trial)
        if joined and limit is not None and trial_length > limit:
            values.append((joined, pieces))
            joined, pieces, trial = "", [], p.value
            trial_length = _length(kind, trial)
        joined, last_own, length = trial, own, trial_length
        pieces.append((p.id, alone))
    if joined or pieces:
        values.append((joined, pieces))
    if required:
        values = [(v, pcs) for v, pcs in values if expected(kind, v)] or values
    return values


# --- Reading outputs -----------------------------------------------------------------------------


# pypdf reads right-to-left runs back in visual order (a kept bidi control makes one): not
# comparable as text. (corpus.pack keeps such payloads in values of their own.)
def not_extractable(value: str) -> bool:
    return any(unicodedata.bidirectional(ch) in ("R", "AL", "AN") for ch in value) or bool(
        cleaning.BIDI_CONTROLS & set(value)
    )


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
        if tag == "input" and attrs.get("type", "text") in ("text", "email", "search", "tel"):
            # A form shows a stored value in its input: that is a place it reads back too.
            self.text.append(" " + (attrs.get("value") or "") + " ")
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


def read_pdf(pdf: bytes) -> tuple[str, str]:
    """The PDF's text with all whitespace removed (extraction breaks lines anywhere): the page
    bodies (so a text running over a page break reads as one, not broken by the running
    header, page number and footer), and the page margins' texts. Fails if the PDF embeds a
    file or links anywhere but the portal."""
    reader = PdfReader(io.BytesIO(pdf))
    assert not reader.attachments, f"embedded files: {list(reader.attachments)}"
    assert "/EmbeddedFiles" not in str(reader.trailer["/Root"].get("/Names", {}))
    body, margins = [], []
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A") or {}
            uri = str(action.get("/URI", ""))
            assert not uri or uri.startswith("https://portal.invalid/"), f"link in PDF: {uri}"
        page_body, page_margins = _extract(page)
        body.append(page_body)
        margins.append(page_margins)
    # A character no payload has keeps each page's margin texts apart.
    return pdf_norm("".join(body)), "\x01".join(pdf_norm(m) for m in margins)


# The page margin of static/pdf/document.css (25 mm top and bottom), in points.
MARGIN_PT = 25 / 25.4 * 72


def _extract(page) -> tuple[str, str]:
    """The page's body text and its margins' text.

    Where a font lacks a glyph, WeasyPrint encodes that font with a CMap of its own that maps
    each code to the same glyph (missing ones to .notdef); pypdf does not read such a CMap and
    returns the codes as bytes, so read it as the identity it is."""
    for font in (page.get("/Resources", {}).get("/Font") or {}).values():
        font = font.get_object()
        if font.get("/Subtype") == "/Type0" and not isinstance(font.get("/Encoding"), str):
            font[NameObject("/Encoding")] = NameObject("/Identity-H")
    height = float(page.mediabox.height)
    body, margins = [], []

    def visit(text, cm, tm, _font, _size):
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        (body if MARGIN_PT < y < height - MARGIN_PT else margins).append(text)

    page.extract_text(visitor_text=visit)
    return "".join(body), "".join(margins)


# A glyph has one Unicode value in the PDF's ToUnicode map, and HarfBuzz draws "(" in a
# right-to-left run with the glyph of ")": once a document holds such a run, extraction swaps
# every pair. Compare each pair as one character.
_MIRRORED = str.maketrans(")]}>»›", "([{<«‹")


def pdf_norm(value: str) -> str:
    """Text as compared with a PDF's: NFKC, no whitespace, no invisible joiner or selector
    (which a PDF keeps in its glyphs, not its text), mirrored pairs as one."""
    value = unicodedata.normalize("NFKC", value).translate(_MIRRORED)
    return "".join(
        ch
        for ch in value
        if not ch.isspace() and unicodedata.category(ch) != "Cf" and not "\ufe00" <= ch <= "\ufe0f"
    )


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
            if norm is pdf_norm and not_extractable(shown):
                self.skipped += 1
                continue
            if norm(shown) not in haystack and os.environ.get("CORPUS_DUMP"):
                Path(os.environ["CORPUS_DUMP"]).write_text(f"{norm(shown)}\n\n{haystack}")
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
            + (
                f" ({self.skipped} PDF read-backs of right-to-left or bidi-controlled text "
                "skipped: pypdf extracts it in visual order)"
                if self.skipped
                else ""
            )
        )


def escaped(value: str) -> str:
    return html.escape(value)
