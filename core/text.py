"""Cleaning of text people type: what may be stored, and what may reach a page, PDF or file.

One-line values (names, titles, places) lose every invisible control character: bidi controls
and marks, NUL and other C0/C1 controls, line breaks (to a space), zero-width formatting. A name
has no use for them, and a right-to-left override in an organisation's name would reverse the
text after it wherever the name is shown ("Trojan Source").

Multi-line texts keep their line breaks and tabs, and the bidi controls that right-to-left
writing needs, but every embedding, override and isolate is closed at the end of its line and
an unmatched closer is dropped: the text can change direction only within itself, never the
surrounding page, PDF line or spreadsheet cell. NUL (PostgreSQL refuses it), the other control
characters (XML 1.0, and so the Atom feed, refuses them) and non-characters are removed.
"""

import re
import unicodedata

# Bidi embeddings and overrides (closed by PDF), isolates (closed by PDI).
LRE, RLE, PDF, LRO, RLO = "\u202a", "\u202b", "\u202c", "\u202d", "\u202e"
LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
EMBEDDINGS = frozenset({LRE, RLE, LRO, RLO})
ISOLATES = frozenset({LRI, RLI, FSI})
BIDI_CONTROLS = frozenset({*EMBEDDINGS, PDF, *ISOLATES, PDI})
# Marks have no scope of their own; a one-line value has no use for them either.
BIDI_MARKS = frozenset({"\u200e", "\u200f", "\u061c"})
# Joiners shape Persian, Indic scripts and emoji sequences: the only format characters a name keeps.
JOINERS = frozenset({"\u200c", "\u200d"})
# Deprecated format characters (symmetric swapping, shaping, digit shapes) and interlinear
# annotation: removed from multi-line text too.
_DEPRECATED_FORMAT = re.compile("[\u206a-\u206f\ufff9-\ufffb\ufeff]")
_LINE_BREAKS = re.compile("\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")


def _is_noncharacter(ch: str) -> bool:
    code = ord(ch)
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def _invisible(ch: str, category: str) -> bool:
    """A character a one-line value drops: controls, non-characters, format characters."""
    if category in ("Cc", "Cs", "Co") or _is_noncharacter(ch):
        return True
    return category == "Cf" and ch not in JOINERS


def clean_line(value: str) -> str:
    """One line of text as it is stored: no control or invisible formatting character, line
    breaks and tabs as spaces, no space at either end."""
    if value.isprintable():  # the usual case, checked in C: nothing to remove
        return value.strip()
    out = []
    for ch in _LINE_BREAKS.sub(" ", value):
        category = unicodedata.category(ch)
        if ch == "\t":
            out.append(" ")
        elif _invisible(ch, category):
            continue
        else:
            out.append(ch)
    return "".join(out).strip()


def balance_bidi(line: str) -> str:
    """The line with every bidi embedding and isolate closed in it, unmatched closers dropped."""
    if not BIDI_CONTROLS.intersection(line):
        return line
    out, stack = [], []
    for ch in line:
        if ch in EMBEDDINGS or ch in ISOLATES:
            stack.append(ch)
        elif ch == PDF:
            if not stack or stack[-1] not in EMBEDDINGS:
                continue  # closes nothing in this line
            stack.pop()
        elif ch == PDI:
            if not ISOLATES.intersection(stack):
                continue
            # A PDI ends the embeddings opened inside its isolate: close them explicitly.
            while stack[-1] not in ISOLATES:
                stack.pop()
                out.append(PDF)
            stack.pop()
        out.append(ch)
    out.extend(PDI if opener in ISOLATES else PDF for opener in reversed(stack))
    return "".join(out)


def clean_text(value: str) -> str:
    """Multi-line text as it is stored: line breaks as \\n, tabs kept, other controls removed,
    bidi controls balanced within each line."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    if value.replace("\n", "").replace("\t", "").isprintable():
        return value  # no control, format or bidi character, checked in C
    value = value.replace("\u2028", "\n").replace("\u2029", "\n\n")
    value = _DEPRECATED_FORMAT.sub("", value)
    kept = "".join(
        ch
        for ch in value
        if ch in "\n\t"
        or not (unicodedata.category(ch) in ("Cc", "Cs", "Co") or _is_noncharacter(ch))
    )
    return "\n".join(balance_bidi(line) for line in kept.split("\n"))


def strip_nul(value: str) -> str:
    """A search term or other value that is not stored, without the NUL PostgreSQL refuses."""
    return value.replace("\x00", "")


# Characters a spreadsheet reads as the start of a formula (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """A value for a CSV cell: text cleaned as multi-line text, and a formula prefix made text
    with an apostrophe; numbers and dates as they are."""
    if not isinstance(value, str):
        return value
    value = clean_text(value)
    if value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
