"""Template filters that write numbers the way Swedish municipal documents do."""

from django import template

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
