"""The matrix for the portal's own pages: accounts, the organisation's side, public pages.

Columns: anonymous, firmatecknare, kontaktperson, handläggare, nämndsekreterare, superuser
(see table.py for the outcomes).
"""

from django.urls import reverse

from .table import NONE, Entry, every, grid

CASES = ("own", "other_forvaltning", "other_org", "draft", "other_draft")


def plain(name, *args):
    return lambda w, t: reverse(name, args=args)


def by_case(name):
    return lambda w, t: reverse(name, args=[w.cases[t].pk])


def by_obj(name, kind):
    return lambda w, t: reverse(name, args=[w.obj(kind, t).pk])


def _step(w, t, name="initiatives:step"):
    case, step = {
        "draft": ("draft", "utmaning"),
        "draft_review": ("draft", "granska"),
        "draft_no_such_step": ("draft", "finns-inte"),
        "own": ("own", "utmaning"),
        "other_draft": ("other_draft", "utmaning"),
    }[t]
    return reverse(name, args=[w.cases[case].pk, step])


def _autosave(w, t):
    return _step(w, t, "initiatives:autosave")


def _report(w, t):
    case, date = {
        "own": ("own", "report_date:own"),
        "own_submitted": ("own", "submitted_report_date:own"),
        "own_with_other_date": ("own", "report_date:other_org"),
        "other_forvaltning": ("other_forvaltning", "report_date:other_forvaltning"),
        "other_org": ("other_org", "report_date:other_org"),
    }[t]
    return reverse("term:report", args=[w.cases[case].pk, w.objects[date].pk])


def _membership(name):
    def url(w, t):
        membership = w.obj("membership", t)
        return reverse(name, args=[membership.organisation_id, membership.pk])

    return url


def _invitation_cancel(w, t):
    invitation = w.obj("invitation", t)
    return reverse(
        "initiatives:invitation_cancel", args=[invitation.organisation_id, invitation.pk]
    )


def _invitation(w, t):
    token = {
        "pending": w.obj("invitation", "own").token,
        "used": w.tokens["used_invitation"],
        "invalid": "ingen-sadan-inbjudan",
    }[t]
    return reverse("initiatives:invitation", args=[token])


def _verify(w, t):
    return reverse("verify_email", args=[w.tokens["verify"] if t == "valid" else "fel"])


def _calendar(w, t):
    return reverse("reminders:calendar", args=[w.tokens["calendar"] if t == "valid" else "fel"])


def _reset(w, t):
    token = {"valid": w.tokens["reset"], "set_password": "set-password", "invalid": "1-fel"}[t]
    return reverse("password_reset_confirm", args=[w.tokens["uidb64"], token])


def _organisation_choice(w, t):
    return {"organisation": [str(w.obj("organisation", t).pk)]}


def _new_draft(w, t):
    """The wizard's first step filled in, for organisation A ("own") or B ("other")."""
    return {
        "organisation": [str(w.obj("organisation", t).pk)],
        "title": ["Ett nytt initiativ"],
        "forvaltning": [str(w.town.sof.pk)],
    }


ALL_OK = every("200", [NONE])
LOGGED_IN = grid(_="login 200 200 200 200 200")
# Staff accounts never represent an organisation (they cannot accept an invitation either).
MEMBERS_ONLY = grid(_="login 200 200 403 403 403")

PORTAL = {
    "": Entry(plain("home"), ALL_OK),
    # --- Accounts
    "konto/skapa/": Entry(
        plain("signup"),
        grid(_="200 302 302 302 302 302"),
        post=grid(_="200= 302= 302= 302= 302= 302="),
    ),
    "konto/skapat/": Entry(plain("signup_done"), ALL_OK),
    "konto/bekrafta/ny-lank/": Entry(
        plain("resend_verification"), ALL_OK, post=every("200=", [NONE])
    ),
    # A handläggare's calendar: the token is the key, no login; a wrong (or reset) one is 404.
    "kalender/<str:token>.ics": Entry(
        _calendar,
        grid(valid="200 200 200 200 200 200", invalid="404 404 404 404 404 404"),
        post=every("405", ["valid", "invalid"]),
    ),
    # A new calendar link: staff only, POST only.
    "personal/kalender/ny-lank/": Entry(
        plain("reminders:calendar_reset"),
        grid(_="alogin alogin alogin 405 405 405"),
        post=grid(_="alogin alogin alogin 302 302 302"),
    ),
    # The link in the signup mail confirms the address on GET, whoever follows it; then login.
    "konto/bekrafta/<str:token>/": Entry(
        _verify,
        grid(valid="login login login login login login", invalid="400 400 400 400 400 400"),
        post=every("405", ["valid", "invalid"]),
        get_writes=True,
    ),
    "konto/logga-in/": Entry(
        plain("login"),
        grid(_="200 302 302 302 302 302"),
        post=grid(_="200= 302= 302= 302= 302= 302="),
    ),
    "konto/losenord/": Entry(plain("password_reset"), ALL_OK, post=every("200=", [NONE])),
    "konto/losenord/skickat/": Entry(
        plain("password_reset_done"), ALL_OK, post=every("405", [NONE])
    ),
    # The reset link is the credential: it leads on to the form to set a new password.
    "konto/losenord/<uidb64>/<token>/": Entry(
        _reset,
        grid(
            valid="302 302 302 302 302 302",
            set_password="200 200 200 200 200 200",
            invalid="200 200 200 200 200 200",
        ),
        post=grid(
            valid="302= 302= 302= 302= 302= 302=",
            set_password="200= 200= 200= 200= 200= 200=",
            invalid="200= 200= 200= 200= 200= 200=",
        ),
    ),
    "konto/losenord/klart/": Entry(
        plain("password_reset_complete"), ALL_OK, post=every("405", [NONE])
    ),
    "konto/logga-ut/": Entry(plain("logout"), every("405", [NONE]), post=every("302", [NONE])),
    "i18n/setlang/": Entry(plain("set_language"), every("302", [NONE]), post=every("302", [NONE])),
    # --- The organisation's side
    "organisation/ny/": Entry(
        plain("initiatives:organisation_create"),
        MEMBERS_ONLY,
        post=grid(_="login 200= 200= 403 403 403"),
    ),
    "mina-arenden/": Entry(plain("initiatives:my_cases"), LOGGED_IN),
    "initiativ/nytt/": Entry(
        plain("initiatives:create"),
        MEMBERS_ONLY,
        post=grid(own="login 302 302 403 403 403", other="login 404 404 403 403 403"),
        data=_new_draft,
    ),
    "initiativ/<int:pk>/": Entry(
        by_case("initiatives:detail"),
        grid(
            own="login 200 200 200 200 200",
            other_forvaltning="login 200 200 404 404 200",
            other_org="login 404 404 404 404 200",
            draft="login 302 302 404 404 404",
            other_draft="login 404 404 404 404 404",
        ),
    ),
    "initiativ/<int:pk>/andra/": Entry(
        by_case("initiatives:edit"),
        grid(
            own="login 302 302 302 302 302",
            other_forvaltning="login 302 302 404 404 302",
            other_org="login 404 404 404 404 302",
            draft="login 302 302 404 404 404",
            other_draft="login 404 404 404 404 404",
        ),
    ),
    "initiativ/<int:pk>/steg/<slug:step>/": Entry(
        _step,
        grid(
            draft="login 200 200 404 404 404",
            draft_review="login 200 200 404 404 404",
            draft_no_such_step="login 404 404 404 404 404",
            own="login 302 302 302 302 302",
            other_draft="login 404 404 404 404 404",
        ),
        post=grid(
            draft="login 302 302 404 404 404",
            # Only a firmatecknare sends the draft in; a kontaktperson is told so.
            draft_review="login 302 200= 404 404 404",
            draft_no_such_step="login 404 404 404 404 404",
            own="login 302= 302= 302= 302= 302=",
            other_draft="login 404 404 404 404 404",
        ),
    ),
    # The wizard's script saves what is typed; JSON answers, 401 when the session has ended.
    "initiativ/<int:pk>/steg/<slug:step>/autospara/": Entry(
        _autosave,
        every("405", ["draft", "draft_no_such_step", "own", "other_draft"]),
        post=grid(
            draft="401 200 200 404 404 404",
            draft_no_such_step="401 404 404 404 404 404",
            own="401 409 409 409 409 409",
            other_draft="401 404 404 404 404 404",
        ),
        data=lambda w, t: {"challenge": ["Autosparad text"]},
    ),
    "initiativ/<int:pk>/kvittens.pdf": Entry(
        by_case("initiatives:receipt"),
        grid(
            own="login 200 200 200 200 200",
            other_forvaltning="login 200 200 404 404 200",
            other_org="login 404 404 404 404 200",
            draft="login 404 404 404 404 404",
            other_draft="login 404 404 404 404 404",
        ),
    ),
    "bilaga/<int:pk>/": Entry(
        by_obj("initiatives:attachment", "attachment"),
        grid(
            own="login 200 200 200 200 200",
            other_forvaltning="login 200 200 404 404 200",
            other_org="login 404 404 404 404 200",
            draft="login 200 200 404 404 404",
            other_draft="login 404 404 404 404 404",
        ),
        post=grid(**dict.fromkeys(CASES, "login 405 405 405 405 405")),
    ),
    "organisation/": Entry(
        plain("initiatives:organisation_current"), grid(_="login 302 302 302 302 302")
    ),
    "organisation/byt/": Entry(
        plain("initiatives:organisation_switch"),
        LOGGED_IN,
        post=grid(own="login 302 302 404 404 404", other="login 404 404 404 404 404"),
        data=_organisation_choice,
    ),
    "organisation/<int:pk>/": Entry(
        by_obj("initiatives:organisation", "organisation"),
        grid(own="login 200 200 404 404 404", other="login 404 404 404 404 404"),
        # The profile (with the bankgiro) is the firmatecknare's to change.
        post=grid(own="login 302 403 404 404 404", other="login 404 404 404 404 404"),
    ),
    "organisation/<int:pk>/foretradare/": Entry(
        by_obj("initiatives:organisation_members", "organisation"),
        grid(own="login 200 200 404 404 404", other="login 404 404 404 404 404"),
        post=grid(own="login 200= 403 404 404 404", other="login 404 404 404 404 404"),
    ),
    "organisation/<int:pk>/foretradare/<int:membership_pk>/ta-bort/": Entry(
        _membership("initiatives:member_remove"),
        grid(own="login 405 405 405 405 405", other="login 405 405 405 405 405"),
        post=grid(own="login 302 404 404 404 404", other="login 404 404 404 404 404"),
    ),
    "organisation/<int:pk>/foretradare/<int:membership_pk>/roll/": Entry(
        _membership("initiatives:member_change_role"),
        grid(own="login 405 405 405 405 405", other="login 405 405 405 405 405"),
        post=grid(own="login 302 404 404 404 404", other="login 404 404 404 404 404"),
        data=lambda w, t: {"role": ["firmatecknare"]},
    ),
    "organisation/<int:pk>/inbjudan/<int:invitation_pk>/aterkalla/": Entry(
        _invitation_cancel,
        grid(own="login 405 405 405 405 405", other="login 405 405 405 405 405"),
        post=grid(own="login 302 404 404 404 404", other="login 404 404 404 404 404"),
        data=lambda w, t: {},
    ),
    "organisation/handling/<int:pk>/": Entry(
        by_obj("initiatives:organisation_document", "document"),
        grid(own="login 200 200 200 200 200", other="login 404 404 404 404 200"),
        post=grid(own="login 405 405 405 405 405", other="login 405 405 405 405 405"),
    ),
    # Anyone with the link sees what it is for; only the invited address may accept it, and
    # an account with another address is told so at once.
    "inbjudan/<str:token>/": Entry(
        _invitation,
        grid(
            pending="200 400 400 400 400 400",
            used="400 400 400 400 400 400",
            invalid="404 404 404 404 404 404",
        ),
        post=grid(
            pending="200= 400 400 400 400 400",
            used="400 400 400 400 400 400",
            invalid="404 404 404 404 404 404",
        ),
        ref="anonymous",
    ),
    "initiativ/<int:pk>/avtal/": Entry(
        by_case("agreements:draft"),
        grid(
            own="login 200 200 404 404 404",
            other_forvaltning="login 200 200 404 404 404",
            other_org="login 404 404 404 404 404",
            draft="login 200 200 404 404 404",
            other_draft="login 404 404 404 404 404",
        ),
        post=grid(
            own="login 200= 200= 404 404 404",
            other_forvaltning="login 200= 200= 404 404 404",
            other_org="login 404 404 404 404 404",
            draft="login 200= 200= 404 404 404",
            other_draft="login 404 404 404 404 404",
        ),
    ),
    "initiativ/<int:pk>/avtal/avtal.pdf": Entry(
        by_case("agreements:draft_pdf"),
        grid(
            own="login 200 200 404 404 404",
            other_forvaltning="login 200 200 404 404 404",
            other_org="login 404 404 404 404 404",
            draft="login 404 404 404 404 404",
            other_draft="login 404 404 404 404 404",
        ),
    ),
    "initiativ/<int:pk>/meddelanden/": Entry(
        by_case("initiatives:messages"),
        grid(
            own="login 200 200 200 200 200",
            other_forvaltning="login 200 200 404 404 200",
            other_org="login 404 404 404 404 200",
            closed="login 200 200 200 200 200",
            draft="login 404 404 404 404 404",
            other_draft="login 404 404 404 404 404",
        ),
        post=grid(
            own="login 200= 200= 200= 200= 200=",
            other_forvaltning="login 200= 200= 404 404 200=",
            other_org="login 404 404 404 404 200=",
            # A closed case takes no more messages.
            closed="login 403 403 403 403 403",
            draft="login 404 404 404 404 404",
            other_draft="login 404 404 404 404 404",
        ),
    ),
    "initiativ/<int:pk>/rapport/<int:report_date_pk>/": Entry(
        _report,
        grid(
            own="login 200 200 404 404 404",
            # The report sent in, as the organisation reads it; staff read it in the admin.
            own_submitted="login 200 200 404 404 404",
            own_with_other_date="login 404 404 404 404 404",
            other_forvaltning="login 200 200 404 404 404",
            other_org="login 404 404 404 404 404",
        ),
        post=grid(
            own="login 200= 200= 404 404 404",
            # Not returned for completion: nothing to revise, redirected with a message.
            own_submitted="login 302= 302= 404 404 404",
            own_with_other_date="login 404 404 404 404 404",
            other_forvaltning="login 200= 200= 404 404 404",
            other_org="login 404 404 404 404 404",
        ),
    ),
    # --- Public pages
    "ar-iop-ratt-form/": Entry(plain("public:guide"), ALL_OK, post=every("404", [NONE])),
    "ar-iop-ratt-form/svar/": Entry(
        plain("public:guide_result"), every("302", [NONE]), post=every("405", [NONE])
    ),
    "partnerskap/": Entry(plain("public:register"), ALL_OK, post=every("405", [NONE])),
    "partnerskap.csv": Entry(plain("public:register_csv"), ALL_OK, post=every("405", [NONE])),
    "partnerskap.json": Entry(plain("public:register_json"), ALL_OK, post=every("405", [NONE])),
    "partnerskap/nya.atom": Entry(plain("public:register_feed"), ALL_OK),
    "partnerskap/dcat.rdf": Entry(plain("public:register_dcat"), ALL_OK, post=every("405", [NONE])),
    "anslagstavla/": Entry(plain("public:anslagstavla"), ALL_OK, post=every("405", [NONE])),
    "tillganglighet/": Entry(plain("public:accessibility"), ALL_OK, post=every("405", [NONE])),
    "tillganglighet/rapportera/": Entry(
        plain("public:accessibility_report"), ALL_OK, post=every("200=", [NONE])
    ),
}
