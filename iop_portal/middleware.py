"""Request handling of the portal's own: the chosen language, and query strings without NUL."""

from django.conf import settings
from django.http import QueryDict
from django.middleware.locale import LocaleMiddleware
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
