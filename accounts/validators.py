"""Validation of a förvaltning's settings that the portal later runs as code."""

import re
import string

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DIARY_FIELDS = ("prefix", "year", "number")
# A width of at most two digits, optionally zero-padded, as in {number:04d}: nothing that could
# build a huge string or reach an attribute.
_SPEC = re.compile(r"0?\d{0,2}d?")
DIARIENUMMER_MAX_LENGTH = 50


def validate_diary_pattern(pattern: str) -> None:
    """Refuse a pattern that would fail, repeat a number, or not fit the diarienummer column."""
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError:
        raise ValidationError(
            _("Mönstret har en klammerparentes som inte är stängd. Skriv till exempel {number}."),
            code="diary_pattern_syntax",
        ) from None
    used = set()
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in DIARY_FIELDS or conversion or not _SPEC.fullmatch(spec or ""):
            raise ValidationError(
                _(
                    "Okänt fält i mönstret: {%(field)s}. Använd bara {prefix}, {year} och "
                    "{number}, till exempel {number:04d}."
                )
                % {
                    "field": name
                    + (f"!{conversion}" if conversion else "")
                    + (f":{spec}" if spec else "")
                },
                code="diary_pattern_field",
            )
        used.add(name)
    if not {"year", "number"} <= used:
        raise ValidationError(
            _("Mönstret måste innehålla både {year} och {number}, annars upprepas diarienummer."),
            code="diary_pattern_incomplete",
        )
    try:
        longest = pattern.format(prefix="X" * 20, year=2200, number=99999)
    except (ValueError, KeyError, IndexError):
        raise ValidationError(
            _("Mönstret går inte att använda. Skriv till exempel {prefix} {year}-{number:04d}."),
            code="diary_pattern_syntax",
        ) from None
    if len(longest) > DIARIENUMMER_MAX_LENGTH:
        raise ValidationError(
            _("Ett diarienummer med det här mönstret kan bli %(n)s tecken; högst %(max)s går.")
            % {"n": len(longest), "max": DIARIENUMMER_MAX_LENGTH},
            code="diary_pattern_length",
        )
