"""The private calendar feed of a handläggare, and the button that makes a new link."""

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import calendar, permissions, services
from .models import CalendarToken


@require_GET
def calendar_feed(request, token):
    """No login: the token in the URL is the key. A reset token or a former staff member's
    answers 404, as an unknown one does."""
    found = CalendarToken.objects.filter(token=token).select_related("user").first()
    if found is None or not permissions.can_use_calendar(found.user):
        raise Http404
    response = HttpResponse(
        calendar.calendar_ics(user=found.user), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="iop-datum.ics"'
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response


@staff_member_required
@require_POST
def calendar_reset(request):
    services.calendar_token_reset(user=request.user)
    messages.success(
        request, _("Du har fått en ny kalenderlänk. Den gamla länken fungerar inte längre.")
    )
    return redirect("admin:initiatives_initiative_start")
