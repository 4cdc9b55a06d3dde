"""Template context for every page: the organisation the user acts for, read from the session
only, so the header costs no query."""

from .selectors import CHOSEN_ORGANISATION_KEY, CHOSEN_ORGANISATION_NAME_KEY


def chosen_organisation(request):
    session = getattr(request, "session", None)
    if session is None or CHOSEN_ORGANISATION_KEY not in session:
        return {}
    return {
        "chosen_organisation_id": session[CHOSEN_ORGANISATION_KEY],
        "chosen_organisation_name": session.get(CHOSEN_ORGANISATION_NAME_KEY, ""),
    }
