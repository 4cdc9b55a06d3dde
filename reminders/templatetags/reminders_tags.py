"""The calendar link on "Mitt arbete" (the template lives in the lower app initiatives)."""

from django import template
from django.conf import settings
from django.urls import reverse

from ..models import CalendarToken

register = template.Library()


@register.inclusion_tag("reminders/calendar_link.html", takes_context=True)
def calendar_link(context):
    """The user's private calendar URL, if they made one, and the button for a new one."""
    user = context["request"].user
    token = CalendarToken.objects.filter(user=user).values_list("token", flat=True).first()
    url = ""
    if token:
        url = settings.IOP_PORTAL_URL.rstrip("/") + reverse("reminders:calendar", args=[token])
    return {"url": url, "csrf_token": context.get("csrf_token")}
