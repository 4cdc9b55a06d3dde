"""Swedish first: the language is the one the user chose on the site, else Swedish."""

from django.conf import settings
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
