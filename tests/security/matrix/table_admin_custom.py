"""The matrix for the admin site's own pages and the portal's pages added to the admin.

In `admin()` rows the three columns are handläggare, nämndsekreterare and superuser; everyone
else is sent to the admin's login (see table.py).
"""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from initiatives.models import Initiative

from .table import Entry, admin, grid
from .table_admin import CASE_PAGE, RECORD_PAGE, RECORD_TARGETS, _same

CASE = "admin/initiatives/initiative/"
STAFF = admin(_="200 200 200")


def plain(name, *args):
    return lambda w, t: reverse(name, args=args)


def by_case(name):
    return lambda w, t: reverse(name, args=[w.cases[t].pk])


def by_obj(name, kind):
    return lambda w, t: reverse(name, args=[w.obj(kind, t).pk])


def _action(w, t):
    case = "own" if t == "own_unknown_action" else t
    action = "okand" if t == "own_unknown_action" else "start_assessment"
    return reverse("admin:initiatives_initiative_action", args=[w.cases[case].pk, action])


def _tu_action(w, t):
    case = "own" if t == "own_unknown_action" else t
    action = "okand" if t == "own_unknown_action" else "ny"
    return reverse(
        "admin:initiatives_initiative_tjansteutlatande_action", args=[w.cases[case].pk, action]
    )


def _protokollsutdrag(w, t):
    case, decision = ("own", "other_forvaltning") if t == "own_with_other_decision" else (t, t)
    return reverse(
        "admin:initiatives_initiative_protokollsutdrag",
        args=[w.cases[case].pk, w.obj("decision", decision).pk],
    )


def _report_review(w, t):
    case, report = ("own", "other_org") if t == "own_with_other_report" else (t, t)
    return reverse(
        "admin:initiatives_initiative_report_review",
        args=[w.cases[case].pk, w.obj("report", report).pk],
    )


def _unknown(w, t):
    if t == "view_on_site":
        content_type = ContentType.objects.get_for_model(Initiative)
        return f"/admin/r/{content_type.pk}/{w.cases['own'].pk}/"
    return {"missing": "/admin/finns-inte/", "no_slash": "/admin/initiatives"}[t]


def _autocomplete(w, t):
    query = {
        "membership_user": "app_label=organisations&model_name=membership&field_name=user",
        "not_an_autocomplete": "app_label=initiatives&model_name=initiative&field_name=title",
    }[t]
    return reverse("admin:autocomplete") + "?term=a&" + query


APPS = (
    "auth",
    "accounts",
    "organisations",
    "initiatives",
    "assessments",
    "agreements",
    "decisions",
    "namnd",
    "term",
    "reminders",
    "axes",
    "core",  # the mail outbox
)
# The apps with models a handläggare works with; the others hold only the superuser's.
STAFF_APPS = {
    *("organisations", "initiatives", "assessments", "agreements", "decisions", "namnd", "term"),
    "reminders",
}

CASE_WORK_POST = admin(
    own="302 302 302",
    other_forvaltning="404 404 302",
    other_org="404 404 302",
    draft="404 404 404",
    other_draft="404 404 404",
)
CASE_FORM_REFUSED = admin(
    own="200= 200= 200=",
    other_forvaltning="404 404 200=",
    other_org="404 404 200=",
    draft="404 404 404",
    other_draft="404 404 404",
)
# Recording the nämnd's decision and exporting its documents are the nämndsekreterare's.
SECRETARY_PAGE = admin(
    own="403 200 200",
    other_forvaltning="404 404 200",
    other_org="404 404 200",
    draft="404 404 404",
    other_draft="404 404 404",
)
RECORD_ACTION = admin(
    own="302= 302= 302=", other_forvaltning="404 404 302=", other_org="404 404 302="
)
POST_ONLY = _same("405 405 405", RECORD_TARGETS)

SITE = {
    "admin/": Entry(plain("admin:index"), STAFF),
    "admin/login/": Entry(
        plain("admin:login"),
        grid(_="200 200 200 302 302 302"),
        post=grid(_="200= 200= 200= 200= 200= 200="),
        ref="anonymous",
    ),
    "admin/logout/": Entry(
        plain("admin:logout"),
        grid(_="302 302 302 405 405 405"),
        post=grid(_="302= 302= 302= 302 302 302"),
    ),
    "admin/password_change/": Entry(
        plain("admin:password_change"), STAFF, post=admin(_="200= 200= 200=")
    ),
    "admin/password_change/done/": Entry(
        plain("admin:password_change_done"), STAFF, post=admin(_="405 405 405")
    ),
    # Staff only ever pick users here if they may see users (the superuser).
    "admin/autocomplete/": Entry(
        _autocomplete,
        admin(membership_user="403 403 200", not_an_autocomplete="403 403 403"),
        post=admin(membership_user="405 405 405", not_an_autocomplete="405 405 405"),
    ),
    "admin/jsi18n/": Entry(plain("admin:jsi18n"), STAFF, post=admin(_="405 405 405")),
    # The statistics (statistik): every staff member sees their own förvaltning's figures.
    "admin/statistik/": Entry(plain("admin:statistik"), STAFF, post=admin(_="405 405 405")),
    "admin/statistik.csv": Entry(plain("admin:statistik_csv"), STAFF, post=admin(_="405 405 405")),
    "admin/^(?P<app_label>" + "|".join(APPS) + ")/$": Entry(
        lambda w, t: reverse("admin:app_list", args=[t]),
        admin(**{app: "200 200 200" if app in STAFF_APPS else "404 404 200" for app in APPS}),
    ),
    # Whatever else the admin is asked; /admin/r/<content type>/<id>/, Django's "view on site"
    # shortcut, is switched off (it told whether a case exists) and lands here too.
    "admin/(?P<url>.*)$": Entry(
        _unknown,
        admin(missing="404 404 404", no_slash="301 301 301", view_on_site="404 404 404"),
    ),
    # --- The case work pages (initiatives.admin_casework)
    CASE + "start/": Entry(plain("admin:initiatives_initiative_start"), STAFF),
    CASE + "registrera/": Entry(
        plain("admin:initiatives_initiative_register"), STAFF, post=admin(_="200= 200= 200=")
    ),
    CASE + "<int:pk>/tilldela/": Entry(
        by_case("admin:initiatives_initiative_assign"), CASE_PAGE, post=CASE_WORK_POST
    ),
    CASE + "<int:pk>/dialogmote/": Entry(
        by_case("admin:initiatives_initiative_dialogue"), CASE_PAGE, post=CASE_FORM_REFUSED
    ),
    CASE + "<int:pk>/bevakning/": Entry(
        by_case("admin:initiatives_initiative_watch_date"), CASE_PAGE, post=CASE_FORM_REFUSED
    ),
    CASE + "bevakning/<int:watch_pk>/klar/": Entry(
        by_obj("admin:initiatives_initiative_watch_date_done", "watch_date"),
        POST_ONLY,
        post=admin(own="302 302 302", other_forvaltning="404 404 302", other_org="404 404 302"),
        data=lambda w, t: {},
    ),
    # --- Lifecycle, documents and the nämnd's decision (initiatives.admin)
    CASE + "<int:pk>/handling/<str:action>/": Entry(
        _action,
        _same("405 405 405", ("own", "own_unknown_action", "other_forvaltning", "draft")),
        # The case is active: starting an assessment is refused with a message.
        post=admin(
            own="302= 302= 302=",
            own_unknown_action="404 404 404",
            other_forvaltning="404 404 302=",
            draft="404 404 404",
        ),
        data=lambda w, t: {},
    ),
    # The tjänsteutlåtande (decisions.tjansteutlatande_case_page): whoever handles the case
    # writes and reads it; every world case has an upprättat one, so the draft pages send back.
    CASE + "<int:pk>/tjansteutlatande.pdf": Entry(
        by_case("admin:initiatives_initiative_tjansteutlatande"), CASE_PAGE
    ),
    CASE + "<int:pk>/tjansteutlatande.docx": Entry(
        by_case("admin:initiatives_initiative_tjansteutlatande_docx"), CASE_PAGE
    ),
    CASE + "<int:pk>/tjansteutlatande/": Entry(
        by_case("admin:initiatives_initiative_tjansteutlatande_edit"),
        admin(
            own="302 302 302",
            other_forvaltning="404 404 302",
            other_org="404 404 302",
            draft="404 404 404",
            other_draft="404 404 404",
        ),
    ),
    CASE + "<int:pk>/tjansteutlatande/ratta/": Entry(
        by_case("admin:initiatives_initiative_tjansteutlatande_correct"),
        CASE_PAGE,
        post=CASE_FORM_REFUSED,
    ),
    CASE + "<int:pk>/tjansteutlatande/<str:action>/": Entry(
        _tu_action,
        _same("405 405 405", ("own", "own_unknown_action", "other_forvaltning", "draft")),
        # The case is active and its tjänsteutlåtande upprättat: a new draft is refused.
        post=admin(
            own="302= 302= 302=",
            own_unknown_action="404 404 404",
            other_forvaltning="404 404 302=",
            draft="404 404 404",
        ),
        data=lambda w, t: {},
    ),
    CASE + "<int:pk>/beslut/": Entry(
        by_case("admin:initiatives_initiative_decision"),
        SECRETARY_PAGE,
        post=admin(
            own="403 200= 200=",
            other_forvaltning="404 404 200=",
            other_org="404 404 200=",
            draft="404 404 404",
            other_draft="404 404 404",
        ),
    ),
    CASE + "<int:pk>/beslut/<int:decision_pk>/protokollsutdrag.pdf": Entry(
        _protokollsutdrag,
        admin(
            own="403 200 200",
            other_forvaltning="404 404 200",
            other_org="404 404 200",
            # A handläggare exports nothing, so learns nothing about the decision either.
            own_with_other_decision="403 404 404",
        ),
    ),
    CASE + "<int:pk>/utvardering/": Entry(
        by_case("admin:initiatives_initiative_evaluation"), CASE_PAGE, post=CASE_FORM_REFUSED
    ),
    CASE + "<int:pk>/uppsagning/": Entry(
        by_case("admin:initiatives_initiative_termination"), CASE_PAGE, post=CASE_FORM_REFUSED
    ),
    # --- Report review and changes during the term (term.admin_review, agreements.amendment_page)
    CASE + "<int:pk>/rapport/<int:report_pk>/granska/": Entry(
        _report_review,
        admin(
            own="200 200 200",
            other_forvaltning="404 404 200",
            other_org="404 404 200",
            own_with_other_report="404 404 404",
        ),
        # Returned without saying what to complete: refused next to the field.
        post=admin(
            own="200= 200= 200=",
            other_forvaltning="404 404 200=",
            other_org="404 404 200=",
            own_with_other_report="404 404 404",
        ),
        data=lambda w, t: {"decision": "return", "request_text": ""},
    ),
    CASE + "<int:pk>/avtalsandring/": Entry(
        by_case("admin:initiatives_initiative_amend"),
        admin(
            own="200 200 200",
            other_forvaltning="404 404 200",
            other_org="404 404 200",
            # After the term the agreement is no longer changed.
            closed="403 403 403",
            draft="404 404 404",
            other_draft="404 404 404",
        ),
        # The page's own form without a reason: refused next to the field.
        post=admin(
            own="200= 200= 200=",
            other_forvaltning="404 404 200=",
            other_org="404 404 200=",
            closed="403 403 403",
            draft="404 404 404",
            other_draft="404 404 404",
        ),
        ref="handlaggare",
    ),
    # --- Messages (initiatives.admin_messages)
    "admin/initiatives/casemessage/svara/<int:pk>/": Entry(
        by_case("admin:initiatives_casemessage_reply"),
        admin(
            own="200 200 200",
            other_forvaltning="404 404 200",
            other_org="404 404 200",
            # A closed case takes no more messages.
            closed="403 403 403",
            draft="404 404 404",
            other_draft="404 404 404",
        ),
        post=admin(
            own="200= 200= 200=",
            other_forvaltning="404 404 200=",
            other_org="404 404 200=",
            closed="403 403 403",
            draft="404 404 404",
            other_draft="404 404 404",
        ),
    ),
    # --- Criteria sets: new versions and publishing are the superuser's
    "admin/assessments/criteriaset/<int:pk>/ny-version/": Entry(
        by_obj("admin:assessments_criteriaset_new_version", "criteriaset"),
        admin(published="405 405 405"),
        post=admin(published="302= 302= 302"),
        data=lambda w, t: {},
    ),
    "admin/assessments/criteriaset/<int:pk>/publicera/": Entry(
        by_obj("admin:assessments_criteriaset_publish", "criteriaset"),
        admin(published="405 405 405"),
        # Already published: refused with a message, also for the superuser.
        post=admin(published="302= 302= 302="),
        data=lambda w, t: {},
    ),
    # --- The assessment's four eyes (assessments.admin): the assessment is completed
    **{
        f"admin/assessments/assessment/<int:pk>/{action}/": Entry(
            by_obj(f"admin:assessments_assessment_{name}", "assessment"),
            POST_ONLY,
            post=RECORD_ACTION,
            data=lambda w, t: {},
        )
        for action, name in (
            ("godkann", "approve"),
            ("ny-revision", "revise"),
            ("slutfor", "complete"),
        )
    },
    # --- The agreement (agreements.admin): signed, so no longer sent or signed again
    "admin/agreements/agreement/<int:pk>/versioner/": Entry(
        by_obj("admin:agreements_agreement_diff", "agreement"), RECORD_PAGE
    ),
    "admin/agreements/agreement/<int:pk>/avtal.pdf": Entry(
        by_obj("admin:agreements_agreement_pdf", "agreement"), RECORD_PAGE
    ),
    "admin/agreements/agreement/<int:pk>/skicka/": Entry(
        by_obj("admin:agreements_agreement_send", "agreement"),
        POST_ONLY,
        post=RECORD_ACTION,
        data=lambda w, t: {},
    ),
    "admin/agreements/agreement/<int:pk>/underskrift/": Entry(
        by_obj("admin:agreements_agreement_sign", "agreement"),
        RECORD_PAGE,
        post=admin(
            own="200= 200= 200=", other_forvaltning="404 404 200=", other_org="404 404 200="
        ),
    ),
    # --- A user's password, set by the superuser
    # (Django asks for the right to change users before it looks the account up, so a
    # handläggare learns nothing about any account here.)
    "admin/accounts/user/<id>/password/": Entry(
        lambda w, t: reverse("admin:auth_user_password_change", args=[w.users[t].pk]),
        admin(colleague="403 403 200", firmatecknare="403 403 200"),
        post=admin(colleague="403 403 200=", firmatecknare="403 403 200="),
    ),
}
