"""Request handling of the portal's own: the chosen language, query strings without NUL, and a
503 instead of a 500 while the database cannot be reached."""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, QueryDict
from django.middleware.locale import LocaleMiddleware
from django.template.loader import render_to_string
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Like LocaleMiddleware, but a browser's Accept-Language never overrides Swedish.

    A municipal service speaks Swedish unless the user picks English with the language switch
    (which sets the language cookie); an English-configured browser alone does not change that.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


def query_without_nul(get_response):
    """Take NUL out of the query string's names and values before any view reads them.

    PostgreSQL refuses a NUL in a text parameter, so a filter or search carrying one would end
    in a 500 (the admin's list filters pass values straight to the database); a NUL is never
    meaningful in a URL. Form fields clean posted text themselves (core.fields).
    """

    def middleware(request):
        params = request.GET
        if any("\x00" in key or any("\x00" in v for v in values) for key, values in params.lists()):
            cleaned = QueryDict(mutable=True)
            for key, values in params.lists():
                cleaned.setlist(key.replace("\x00", ""), [v.replace("\x00", "") for v in values])
            cleaned._mutable = False
            request.GET = cleaned
        return get_response(request)

    return middleware


logger = logging.getLogger(__name__)
# Long enough for PostgreSQL to restart or fail over, short enough that nobody gives up.
RETRY_AFTER_SECONDS = 30


class DatabaseUnavailableMiddleware:
    """Answer 503 Service Unavailable with Retry-After when the database cannot be reached.

    A restart or failover of PostgreSQL surfaces in a view as OperationalError (refused or lost
    connection) or InterfaceError (a connection already closed); either is temporary, and a 500
    would tell the user and their browser that the portal is broken. Django closes a connection
    that failed at the end of the request, so the first request after the database is back gets
    a new one and the portal recovers by itself.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.warning(
            "Database unavailable for %s %s: %s", request.method, request.path, exception
        )
        # Rendered without the request: the context processors would ask the database again.
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
