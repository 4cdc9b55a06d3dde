"""Form helpers shared by the portal's pages and the admin."""

from django import forms
from django.core.exceptions import ValidationError


class DateInput(forms.DateInput):
    """The browser's date picker, with the value written as it expects (ISO)."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def add_validation_error(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: per field where it names one, else on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def posted_id(value) -> int | None:
    """An object id from a request parameter, or None when it is not one (a forged or mangled
    value is then a 404, not a 500 from a lookup that expects a number)."""
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**63 else None
