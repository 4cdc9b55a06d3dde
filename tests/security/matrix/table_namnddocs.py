"""The matrix rows of the nämnd's documents: the meeting page's downloads, expediering and
batch export (namnd.admin_documents), and the organisation's utdrag and tjänsteutlåtande
(namnd.portal). The world's meetings are not justerade and nothing is expedierat in it, so the
utdrag answer 404 to everyone who may see the case; the service tests show the 200s."""

from django.urls import reverse

from .table import Entry, admin, grid

MEETING = "admin/namnd/sammantrade/"
TARGETS = ("own", "other")
NO_JOB = 999_999


def _meeting(name, *extra):
    return lambda w, t: reverse(name, args=[w.obj("meeting", t).pk, *extra])


def _paragraf(name, *extra):
    return lambda w, t: reverse(
        name, args=[w.obj("meeting", t).pk, w.obj("paragraf", t).pk, *extra]
    )


def _case_paragraf(name):
    def url(w, t):
        paragraf = w.obj("paragraf", t)
        return reverse(name, args=[paragraf.initiative_id, paragraf.pk])

    return url


def _case(name):
    return lambda w, t: reverse(name, args=[w.obj("paragraf", t).initiative_id])


READ = admin(own="200 200 200", other="404 404 200")
GET_ONLY = admin(own="405 405 405", other="405 405 405")

SITE = {
    MEETING + "<int:pk>/kallelse.pdf": Entry(
        _meeting("admin:namnd_sammantrade_kallelse"), READ, post=GET_ONLY
    ),
    MEETING + "<int:pk>/protokoll.pdf": Entry(
        _meeting("admin:namnd_sammantrade_protokoll"), READ, post=GET_ONLY
    ),
    # The world's §§ have no number yet: no utdrag.
    MEETING + "<int:pk>/paragraf/<int:paragraf_pk>/protokollsutdrag.<str:fmt>": Entry(
        _paragraf("admin:namnd_sammantrade_utdrag", "pdf"),
        admin(own="404 404 404", other="404 404 404"),
        post=GET_ONLY,
    ),
    # Only the secretary expedierar, and not before the justering (refused with a message).
    MEETING + "<int:pk>/paragraf/<int:paragraf_pk>/expediera/": Entry(
        _paragraf("admin:namnd_sammantrade_expediera"),
        GET_ONLY,
        post=admin(own="403 302= 302=", other="404 404 302="),
    ),
    MEETING + "<int:pk>/export/": Entry(
        _meeting("admin:namnd_sammantrade_export_order"),
        GET_ONLY,
        post=admin(own="403 302 302", other="404 404 302"),
        data=lambda w, t: {"kind": "kallelse"},
    ),
    MEETING + "<int:pk>/export/<int:job_pk>/": Entry(
        _meeting("admin:namnd_sammantrade_export", NO_JOB),
        admin(own="403 404 404", other="404 404 404"),
        post=GET_ONLY,
    ),
    MEETING + "<int:pk>/export/<int:job_pk>/status.json": Entry(
        _meeting("admin:namnd_sammantrade_export_status", NO_JOB),
        admin(own="403 404 404", other="404 404 404"),
        post=GET_ONLY,
    ),
    MEETING + "<int:pk>/export/<int:job_pk>/zip": Entry(
        _meeting("admin:namnd_sammantrade_export_download", NO_JOB),
        admin(own="403 404 404", other="404 404 404"),
        post=GET_ONLY,
    ),
}

NOTHING_SENT = grid(
    own="login 404 404 404 404 404",
    other="login 404 404 404 404 404",
)
PORTAL = {
    "initiativ/<int:pk>/protokollsutdrag/<int:paragraf_pk>.pdf": Entry(
        _case_paragraf("namnd_portal:utdrag"),
        NOTHING_SENT,
        post=grid(own="login 405 405 405 405 405", other="login 405 405 405 405 405"),
    ),
    "initiativ/<int:pk>/tjansteutlatande-upprattat.pdf": Entry(
        _case("namnd_portal:tjansteutlatande"),
        # The world's case has an upprättat tjänsteutlåtande: its organisation and the staff who
        # handle it read it; another organisation's case is hidden (the superuser sees all).
        grid(own="login 200 200 200 200 200", other="login 404 404 404 404 200"),
        post=grid(own="login 405 405 405 405 405", other="login 405 405 405 405 405"),
    ),
}
