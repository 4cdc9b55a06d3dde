"""Text and number fields with the bounds and cleaning every user-filled field shares.

`LineField` (one line: a name, a title, a place) and `TextBlockField` (multi-line text with a
limit a person can see) clean their value with core.text in the model (full_clean, save,
queries) and in the form field they make, so the admin's forms, the portal's forms and the
services all store the same clean text. Plain forms use `LineFormField` and `TextFormField`, or
take the model's own field with `model_formfield`. Number bounds are validators with a Swedish
message, used by the models and their forms alike.
"""

from django import forms
from django.core import validators
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from . import text

# Bounds of numbers people type, well inside what the columns hold.
MAX_KRONOR = 1_000_000_000  # one billion kronor: far above any partnership's money in a year
MAX_HOURS = 10_000_000
MAX_PARTICIPANTS = 10_000_000
MIN_YEAR, MAX_YEAR = 1900, 2200
MAX_PARAGRAPH = 9999

# Limits of multi-line texts, by what they hold.
TEXT_SHORT = 2_000  # a list of participants, a public summary, a guide's help text
TEXT_MEDIUM = 5_000  # a target group, a motivation, a comment
TEXT_LONG = 10_000  # a challenge, an activity, a message, a decision
TEXT_DOCUMENT = 50_000  # an agreement clause, which a template fills with the case's texts

MAX_LENGTH_MESSAGE = _(
    "Texten får vara högst %(limit_value)d tecken lång. Nu är den %(show_value)d tecken: "
    "korta den och spara igen."
)


def validate_date_range(value):
    """A date within the years the portal's records can be about (1900–2200)."""
    if value is not None and not MIN_YEAR <= value.year <= MAX_YEAR:
        raise validators.ValidationError(
            _("Ange ett datum mellan år %(min)s och %(max)s."),
            code="date_range",
            params={"min": MIN_YEAR, "max": MAX_YEAR},
        )


def between(minimum: int, maximum: int, message) -> list:
    """Min and max validators that both say `message`, which names {min} and {max}."""
    said = format_lazy(message, min=minimum, max=maximum)
    return [
        validators.MinValueValidator(minimum, message=said),
        validators.MaxValueValidator(maximum, message=said),
    ]


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", "\u00a0")


NOT_NEGATIVE = _("Beloppet kan inte vara negativt.")


def kronor_validators() -> list:
    """Whole kronor from 0 to MAX_KRONOR."""
    return [
        validators.MinValueValidator(0, message=NOT_NEGATIVE),
        validators.MaxValueValidator(
            MAX_KRONOR,
            message=format_lazy(
                _("Beloppet får vara högst {max} kr. Ange det i hela kronor."),
                max=_thousands(MAX_KRONOR),
            ),
        ),
    ]


def count_validators(maximum: int, *, negative) -> list:
    """A count (of people, of hours) from 0 to `maximum`."""
    return [
        validators.MinValueValidator(0, message=negative),
        validators.MaxValueValidator(
            maximum,
            message=format_lazy(_("Antalet får vara högst {max}."), max=_thousands(maximum)),
        ),
    ]


def year_validators() -> list:
    return between(MIN_YEAR, MAX_YEAR, _("Ange ett år mellan {min} och {max}."))


# --- Form fields ---------------------------------------------------------------------------------


class LineFormField(forms.CharField):
    """One line of text, cleaned with text.clean_line before it is validated."""

    def __init__(self, **kwargs):
        kwargs.setdefault("error_messages", {}).setdefault("max_length", MAX_LENGTH_MESSAGE)
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if isinstance(value, str):
            value = text.clean_line(value)
            if value in self.empty_values:
                return self.empty_value
        return value


class TextFormField(forms.CharField):
    """Multi-line text with its limit: a textarea whose counter (static/js/character-count.js)
    shows how many characters are left; the server refuses a longer text beside the field."""

    widget = forms.Textarea

    def __init__(self, *, max_length, **kwargs):
        kwargs.setdefault("error_messages", {}).setdefault("max_length", MAX_LENGTH_MESSAGE)
        super().__init__(max_length=max_length, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if isinstance(value, str):
            # Browsers send a line break as CR LF but count it as one character: so do we.
            value = text.clean_text(value)
            if self.strip:
                value = value.strip()
            if value in self.empty_values:
                return self.empty_value
        return value

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if self.max_length is not None and not widget.is_hidden:
            attrs["data-charcount"] = str(self.max_length)
            # The counter's texts, in the page's language; %(n)s is the number.
            attrs["data-charcount-left"] = _("Du har %(n)s tecken kvar av %(max)s.")
            attrs["data-charcount-over"] = _("Du har %(n)s tecken för mycket.")
        return attrs


def model_formfield(model, name: str, **kwargs):
    """The form field of `model`'s field `name`: its limit, validators and cleaning, for a plain
    form that hands its data to a service."""
    model_field = model._meta.get_field(name)
    return _with_validators(model_field.formfield(**kwargs), model_field)


def model_validators_on_form(form) -> None:
    """Give a ModelForm's number and date fields their model field's bounds, for forms that
    leave model validation to a service: the error then shows beside the field, and the
    other valid values of a draft are still saved."""
    for name, field in form.fields.items():
        try:
            model_field = form._meta.model._meta.get_field(name)
        except FieldDoesNotExist:  # a form field of its own
            continue
        _with_validators(field, model_field)


def _with_validators(field, model_field):
    """The model field's validators on the form field, in place of the form's own bound of the
    same kind and limit (so the model's Swedish message is the one shown)."""
    if field is None or not isinstance(field, (forms.IntegerField, forms.DateField)):
        return field
    ours = model_field.validators

    def same_bound(validator) -> bool:
        limit = getattr(validator, "limit_value", None)
        return any(
            type(m) is type(validator) and m.limit_value == limit
            for m in ours
            if hasattr(m, "limit_value")
        )

    kept = [v for v in field.validators if not same_bound(v)]
    field.validators = kept + [v for v in ours if v not in kept]
    return field


# --- Model fields --------------------------------------------------------------------------------


class LineField(models.CharField):
    """One line of text (a name, a title, a place): no control or bidi characters, see text."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("error_messages", {}).setdefault("max_length", MAX_LENGTH_MESSAGE)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("error_messages") == {"max_length": MAX_LENGTH_MESSAGE}:
            del kwargs["error_messages"]
        return name, path, args, kwargs

    def _clean(self, value):
        return text.clean_line(value) if isinstance(value, str) else value

    def to_python(self, value):
        return self._clean(super().to_python(value))

    def pre_save(self, model_instance, add):
        value = self._clean(super().pre_save(model_instance, add))
        setattr(model_instance, self.attname, value)
        return value

    def get_prep_value(self, value):
        # Also what reaches the database through update() and lookups: never a NUL.
        return self._clean(super().get_prep_value(value))

    def formfield(self, **kwargs):
        if self.choices is None:
            kwargs.setdefault("form_class", LineFormField)
        return super().formfield(**kwargs)


class TextBlockField(models.TextField):
    """Multi-line text with a maximum length, checked in the model and shown in the form."""

    def __init__(self, *args, max_length, **kwargs):
        kwargs.setdefault("error_messages", {}).setdefault("max_length", MAX_LENGTH_MESSAGE)
        super().__init__(*args, max_length=max_length, **kwargs)
        self.validators.append(validators.MaxLengthValidator(max_length))

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("error_messages") == {"max_length": MAX_LENGTH_MESSAGE}:
            del kwargs["error_messages"]
        return name, path, args, kwargs

    def _clean(self, value):
        return text.clean_text(value) if isinstance(value, str) else value

    def to_python(self, value):
        return self._clean(super().to_python(value))

    def pre_save(self, model_instance, add):
        value = self._clean(super().pre_save(model_instance, add))
        setattr(model_instance, self.attname, value)
        return value

    def get_prep_value(self, value):
        return self._clean(super().get_prep_value(value))

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": TextFormField, **kwargs})
