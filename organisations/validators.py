"""Validation of Swedish organisation numbers and bankgiro numbers."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum import luhn
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.se import orgnr


def normalise_org_number(value: str) -> str:
    """Return the number written NNNNNN-NNNN, or raise ValidationError in Swedish."""
    digits = orgnr.compact(value or "")
    if not digits.isdigit() or len(digits) != 10:
        raise ValidationError(
            _("Ange organisationsnumret med tio siffror, till exempel 802002-4280."),
            code="org_number_format",
        )
    # Personal identity numbers have a month (01-12) in third and fourth place; organisation
    # numbers use 20 or more there so the two can never be confused.
    if int(digits[2:4]) < 20:
        raise ValidationError(
            _(
                "Det här ser ut som ett personnummer. Ett organisationsnummer har 2 eller högre "
                "som tredje siffra."
            ),
            code="org_number_personal",
        )
    try:
        orgnr.validate(digits)
    except StdnumError:
        raise ValidationError(
            _(
                "Organisationsnumret stämmer inte: kontrollsiffran (den sista) är fel. "
                "Kontrollera numret mot registreringsbeviset."
            ),
            code="org_number_checksum",
        ) from None
    return orgnr.format(digits)


def validate_org_number(value: str) -> None:
    normalise_org_number(value)


def normalise_bankgiro(value: str) -> str:
    """Return a bankgiro number written NNN-NNNN or NNNN-NNNN, or raise ValidationError."""
    text = (value or "").strip()
    digits = text.replace("-", "").replace(" ", "")
    if not digits.isdigit() or len(digits) not in (7, 8) or text.count("-") > 1:
        raise ValidationError(
            _("Ange bankgironumret med sju eller åtta siffror, till exempel 5050-1055."),
            code="bankgiro_format",
        )
    if not luhn.is_valid(digits):
        raise ValidationError(
            _(
                "Bankgironumret stämmer inte: kontrollsiffran (den sista) är fel. "
                "Kontrollera numret mot ett inbetalningskort eller med banken."
            ),
            code="bankgiro_checksum",
        )
    return f"{digits[:-4]}-{digits[-4:]}"


def validate_bankgiro(value: str) -> None:
    if value:
        normalise_bankgiro(value)
