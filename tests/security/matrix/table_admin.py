"""The matrix for the admin's standard pages of every registered model.

Each model's pages (list, add, change, history, delete, the redirect from `<id>/`, and the
per-version page of a history-tracked model) with a grid per page. In `admin()` rows the three
columns are handläggare, nämndsekreterare and superuser; everyone else is sent to the admin's
login (see table.py).
"""

from django.urls import reverse

from .table import Entry, admin

CASE_TARGETS = ("own", "other_forvaltning", "other_org", "draft", "other_draft")
RECORD_TARGETS = ("own", "other_forvaltning", "other_org")


def _same(cell: str, targets) -> dict:
    return admin(**dict.fromkeys(targets, cell))


def model_pages(
    label,
    obj,
    *,
    change,
    add,
    delete,
    list_=None,
    list_post=None,
    list_data=None,
    add_post=None,
    change_post=None,
    delete_post=None,
    history=None,
    version=None,
    version_post=None,
):
    """The entries of one ModelAdmin's standard pages; `obj(world, target)` is the object."""
    app, model = label.split(".")
    base = f"admin/{app}/{model}/"
    name = f"admin:{app}_{model}"

    def page(view):
        return lambda w, t: reverse(f"{name}_{view}", args=[obj(w, t).pk])

    targets = tuple(change)
    entries = {
        base: Entry(
            lambda w, t: reverse(f"{name}_changelist"),
            list_ or admin(_="200 200 200"),
            post=list_post,
            data=list_data,
        ),
        base + "add/": Entry(lambda w, t: reverse(f"{name}_add"), add, post=add_post),
        base + "<path:object_id>/change/": Entry(page("change"), change, post=change_post),
        base + "<path:object_id>/history/": Entry(page("history"), history or change),
        base + "<path:object_id>/delete/": Entry(page("delete"), delete, post=delete_post),
        # Django's redirect from an object's bare URL to its change page; it looks nothing up.
        base + "<path:object_id>/": Entry(
            lambda w, t: reverse(f"{name}_change", args=[obj(w, t).pk]).removesuffix("change/"),
            _same("302 302 302", targets),
        ),
    }
    if version is not None:
        entries[base + "^([^/]+)/history/([^/]+)/$"] = Entry(
            lambda w, t: _version_url(w, obj, name, t),
            version,
            # Versions are shown, never reverted: the page refuses POST before anything else.
            post=version_post or _same("405 405 405", tuple(version)),
        )
    return entries


def _version_url(w, obj, name, target):
    if target == "own_draft_version":
        case = w.cases["own"]
        version = case.history.filter(status="draft").latest("history_date")
        return reverse(f"{name}_simple_history", args=[case.pk, version.history_id])
    item = obj(w, target)
    version = item.history.latest("history_date")
    return reverse(f"{name}_simple_history", args=[item.pk, version.history_id])


def kind(name):
    return lambda w, t: w.obj(name, t)


def case(w, t):
    return w.cases[t]


# What a case-scoped page answers: the own förvaltning's object, another förvaltning's (both
# other targets are at AMF), and the drafts, which no staff member sees.
CASE_PAGE = admin(
    own="200 200 200",
    other_forvaltning="404 404 200",
    other_org="404 404 200",
    draft="404 404 404",
    other_draft="404 404 404",
)
CASE_UNDELETABLE = admin(
    own="403 403 403",
    other_forvaltning="404 404 403",
    other_org="404 404 403",
    draft="404 404 404",
    other_draft="404 404 404",
)
RECORD_PAGE = admin(own="200 200 200", other_forvaltning="404 404 200", other_org="404 404 200")
RECORD_READ_ONLY = admin(
    own="403 403 403", other_forvaltning="404 404 403", other_org="404 404 403"
)
NOT_ADDED_HERE = admin(_="403 403 403")
# Django's own and the libraries' configuration: the superuser's.
SUPERUSER_PAGE = admin(_="403 403 200")


def _assign(w, t):
    """The bulk assignment of one case to a handläggare of its own förvaltning."""
    case = w.cases[t]
    handlaggare = w.users[
        "handlaggare" if case.forvaltning_id == w.town.sof.pk else "handlaggare_amf"
    ]
    return {
        "action": ["assign_selected"],
        "_selected_action": [str(case.pk)],
        "apply": ["1"],
        "handlaggare": [str(handlaggare.pk)],
        "note": ["Tilldelad i matrisen"],
        "index": ["0"],
    }


def _resend(w, t):
    mail = w.obj("outboxmail", "failed")
    return {"action": ["resend_selected"], "_selected_action": [str(mail.pk)], "index": ["0"]}


def _forvaltning(w, t):
    return w.town.sof if t == "own" else w.town.amf


def _config(label, targets, obj, *, add=True, deletable=True):
    """A configuration model only the superuser works with (auth, accounts, axes). A row
    others depend on (a kommun, a förvaltning) is not deleted: the page says what holds it."""
    page = admin(**dict.fromkeys(targets, "403 403 200"))
    return model_pages(
        label,
        obj,
        list_=SUPERUSER_PAGE,
        list_post=admin(_="403 403 302="),
        add=SUPERUSER_PAGE if add else NOT_ADDED_HERE,
        add_post=admin(_="403 403 200=") if add else None,
        change=page,
        change_post=admin(**dict.fromkeys(targets, "403 403 302")),
        delete=page,
        delete_post=admin(**dict.fromkeys(targets, "403 403 302" if deletable else "403 403 200=")),
    )


MODELS = {
    **model_pages(
        "initiatives.initiative",
        case,
        list_post=admin(
            own="302 302 302",
            other_forvaltning="302= 302= 302",
            other_org="302= 302= 302",
            draft="302= 302= 302=",
            other_draft="302= 302= 302=",
        ),
        list_data=_assign,
        add=NOT_ADDED_HERE,
        change=CASE_PAGE,
        change_post=admin(
            own="302 302 302",
            other_forvaltning="404 404 302",
            other_org="404 404 302",
            draft="404 404 404",
            other_draft="404 404 404",
        ),
        delete=CASE_UNDELETABLE,
        version=admin(
            own="200 200 200",
            # A version from before the case was submitted is the organisation's draft.
            own_draft_version="404 404 404",
            other_forvaltning="404 404 200",
            other_org="404 404 200",
            draft="404 404 404",
        ),
    ),
    **model_pages(
        "organisations.organisation",
        kind("organisation"),
        # Organisations come from their members or the registration of a paper case.
        add=NOT_ADDED_HERE,
        change=admin(own="200 200 200", other="404 404 200"),
        change_post=admin(own="403 403 302", other="404 404 302"),
        delete=admin(own="403 403 403", other="404 404 403"),
        version=admin(own="200 200 200", other="404 404 200"),
    ),
    **model_pages(
        "initiatives.casemessage",
        kind("message"),
        add=NOT_ADDED_HERE,
        change=RECORD_PAGE,
        change_post=RECORD_READ_ONLY,
        delete=RECORD_READ_ONLY,
    ),
    **model_pages(
        "term.followupreport",
        kind("report"),
        add=NOT_ADDED_HERE,
        change=RECORD_PAGE,
        change_post=RECORD_READ_ONLY,
        delete=RECORD_READ_ONLY,
    ),
    **model_pages(
        "assessments.criteriaset",
        kind("criteriaset"),
        list_post=admin(_="200= 200= 302="),
        add=admin(_="403 403 200"),
        add_post=admin(_="403 403 200="),
        change=admin(published="200 200 200"),
        # Published: read-only for everyone, the superuser is told to make a new version.
        change_post=admin(published="403 403 200="),
        delete=admin(published="403 403 403"),
    ),
    **model_pages(
        "assessments.assessment",
        kind("assessment"),
        add=NOT_ADDED_HERE,
        change=RECORD_PAGE,
        # The assessment is completed: the form comes back saying it cannot be changed.
        change_post=admin(
            own="200= 200= 200=", other_forvaltning="404 404 200=", other_org="404 404 200="
        ),
        delete=RECORD_READ_ONLY,
        version=RECORD_PAGE,
    ),
    **model_pages(
        "agreements.agreement",
        kind("agreement"),
        add=NOT_ADDED_HERE,
        change=RECORD_PAGE,
        change_post=admin(
            own="302 302 302", other_forvaltning="404 404 302", other_org="404 404 302"
        ),
        delete=RECORD_READ_ONLY,
        version=RECORD_PAGE,
    ),
    **model_pages(
        "agreements.agreementtemplate",
        kind("template"),
        add=admin(_="200 200 200"),
        add_post=admin(_="200= 200= 200="),
        # The shared standard template is read-only for staff; each förvaltning edits its own.
        change=admin(standard="200 200 200", own="200 200 200", other="404 404 200"),
        change_post=admin(standard="403 403 302", own="302 302 302", other="404 404 302"),
        delete=admin(standard="403 403 403", own="403 403 403", other="404 404 403"),
        # The standard template comes from a migration, which writes no version.
        version=admin(own="200 200 200", other="404 404 200"),
    ),
    **model_pages(
        "decisions.decision",
        kind("decision"),
        add=NOT_ADDED_HERE,
        change=RECORD_PAGE,
        change_post=RECORD_READ_ONLY,
        delete=RECORD_READ_ONLY,
    ),
    **model_pages(
        "term.sentreminder",
        kind("reminder"),
        add=NOT_ADDED_HERE,
        change=RECORD_PAGE,
        change_post=RECORD_READ_ONLY,
        delete=RECORD_READ_ONLY,
    ),
    # A förvaltning's reminder rules: its staff's, the others' förvaltningar are 404. (A rule
    # that has sent reminders is switched off rather than deleted: tests/reminders.)
    **model_pages(
        "reminders.reminderrule",
        kind("rule"),
        add=admin(_="200 200 200"),
        add_post=admin(_="200= 200= 200="),
        change=admin(own="200 200 200", other_forvaltning="404 404 200"),
        change_post=admin(own="302 302 302", other_forvaltning="404 404 302"),
        delete=admin(own="200 200 200", other_forvaltning="404 404 200"),
        delete_post=admin(own="302 302 302", other_forvaltning="404 404 302"),
    ),
    **model_pages(
        "reminders.sentreminder",
        kind("rule_reminder"),
        add=NOT_ADDED_HERE,
        change=RECORD_PAGE,
        change_post=RECORD_READ_ONLY,
        delete=RECORD_READ_ONLY,
    ),
    **model_pages(
        "term.evaluation",
        kind("evaluation"),
        add=NOT_ADDED_HERE,
        change=admin(closed="200 200 200", closed_other="404 404 200"),
        change_post=admin(closed="403 403 403", closed_other="404 404 403"),
        delete=admin(closed="403 403 403", closed_other="404 404 403"),
    ),
    # An early termination is recorded on the case page (table_admin_custom) and read here.
    **model_pages(
        "term.termination",
        kind("termination"),
        add=NOT_ADDED_HERE,
        change=admin(terminated="200 200 200", terminated_other="404 404 200"),
        change_post=admin(terminated="403 403 403", terminated_other="404 404 403"),
        delete=admin(terminated="403 403 403", terminated_other="404 404 403"),
    ),
    # Accounts: the superuser's. A handläggare's own colleague is in their förvaltning's scope,
    # an organisation member's account is not.
    **model_pages(
        "accounts.user",
        lambda w, t: w.users[t],
        list_=SUPERUSER_PAGE,
        list_post=admin(_="403 403 302="),
        add=SUPERUSER_PAGE,
        add_post=admin(_="403 403 200="),
        change=admin(colleague="403 403 200", firmatecknare="404 404 200"),
        change_post=admin(colleague="403 403 302", firmatecknare="404 404 302"),
        delete=admin(colleague="403 403 200", firmatecknare="404 404 200"),
        # Both have records of their work, which keep their accounts.
        delete_post=admin(colleague="403 403 200=", firmatecknare="404 404 200="),
    ),
    # The tjänsteutlåtande's configuration per förvaltning: the administrators' (no staff role
    # has its permissions; decisions.permissions holds a förvaltning's administrator to its own).
    **_config(
        "decisions.tjansteutlatandemall",
        ("default",),
        kind("tumall"),
        deletable=False,
    ),
    # Another förvaltning's signatory is outside the staff's scope: 404 before the 403.
    **model_pages(
        "decisions.undertecknare",
        kind("undertecknare"),
        list_=SUPERUSER_PAGE,
        list_post=admin(_="403 403 302="),
        add=SUPERUSER_PAGE,
        add_post=admin(_="403 403 200="),
        change=admin(own="403 403 200", other="404 404 200"),
        change_post=admin(own="403 403 302", other="404 404 302"),
        delete=admin(own="403 403 200", other="404 404 200"),
        delete_post=admin(own="403 403 302", other="404 404 302"),
    ),
    **_config("auth.group", ("handlaggare",), kind("group")),
    **_config("accounts.kommun", ("own",), lambda w, t: w.town.kommun, deletable=False),
    **_config(
        "accounts.namnd",
        ("own", "other"),
        lambda w, t: _forvaltning(w, t).namnd,
        deletable=False,
    ),
    **_config(
        "accounts.forvaltning", ("own", "other"), lambda w, t: _forvaltning(w, t), deletable=False
    ),
    # The outbox: the superuser's (or a person given its permissions), read-only but for the
    # list's action that sends a failed mail again.
    **model_pages(
        "core.outboxmail",
        kind("outboxmail"),
        list_=SUPERUSER_PAGE,
        list_post=admin(_="403 403 302"),
        list_data=_resend,
        add=NOT_ADDED_HERE,
        change=admin(failed="403 403 200"),
        change_post=admin(failed="403 403 403"),
        delete=admin(failed="403 403 403"),
    ),
    **_config("axes.accessattempt", ("row",), kind("accessattempt"), add=False),
    **_config("axes.accesslog", ("row",), kind("accesslog"), add=False),
    **_config("axes.accessfailurelog", ("row",), kind("accessfailurelog"), add=False),
}

# The nämnd's meetings (namnd): the staff of the nämnd's förvaltning see its meetings; the
# nämndsekreterare runs them. Their pages post named actions (see namnd/admin.py).
MODELS |= {
    **model_pages(
        "namnd.sammantrade",
        kind("meeting"),
        add=admin(_="403 200 200"),
        add_post=admin(_="403 200= 200="),
        change=admin(own="200 200 200", other="404 404 200"),
        # The page's biggest form adds a member; posted empty it comes back with a message.
        change_post=admin(own="403 302= 302=", other="404 404 302="),
        delete=admin(own="403 403 403", other="404 404 403"),
    ),
    **model_pages(
        "namnd.paragraf",
        kind("paragraf"),
        # The §§ are reached from their meeting: the list sends there.
        list_=admin(_="302 302 302"),
        add=NOT_ADDED_HERE,
        change=admin(own="200 200 200", other="404 404 200"),
        # The biggest form saves the §'s text as it is.
        change_post=admin(own="403 302 302", other="404 404 302"),
        delete=admin(own="403 403 403", other="404 404 403"),
    ),
}
