"""Template filters: numbers as Swedish municipal documents write them, and a field's limit."""

from django import template
from django.forms.utils import flatatt

register = template.Library()


def format_kronor(value) -> str:
    """Return 534000 as '534 000 kr' (with non-breaking spaces so the amount never wraps)."""
    if value is None or value == "":
        return ""
    grouped = f"{int(value):,}".replace(",", "\u00a0")
    return f"{grouped}\u00a0kr"


register.filter("kronor", format_kronor)


@register.filter
def genitive(name: str) -> str:
    """Return the Swedish genitive: Socialnämnden -> Socialnämndens, Ks -> Ks."""
    name = str(name)
    return name if name[-1:].lower() in {"s", "x", "z"} else f"{name}s"


@register.filter
def limit_attrs(bound_field) -> str:
    """The limit of a hand-written input or textarea: maxlength and the character counter's
    data attributes, as the field's own widget would have them."""
    field = bound_field.field
    attrs = field.widget_attrs(field.widget)
    return flatatt({k: v for k, v in attrs.items() if k == "maxlength" or k.startswith("data-")})
