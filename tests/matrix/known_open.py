"""Cells of the matrix that fail today, each with the branch that fixes it.

(route, role, target, method) -> reason. Such a cell must still answer otherwise than the table
says (its row is then reported as xfail); once the fix is merged it answers as the table says,
the test fails asking for the line here to be deleted (as xfail(strict=True) would).
"""

VERSIONS = (
    "sec-scope: the per-version history page keeps the admin's scope, hides a case's draft "
    "versions and refuses POST (405) instead of saving its form"
)
OBJECT_PAGES = (
    "sec-scope: every object page (change, history, delete) answers 404 outside the admin's "
    "scope instead of redirecting to the index, showing the history or answering 403"
)
SHORTCUT = "sec-scope: the admin's view-on-site shortcut /admin/r/ is switched off"
ACCOUNTS = "sec-scope: staff may only ever see the accounts of their own förvaltning's staff"
INVITATION = (
    "sec-scope: only the account with the invited address accepts an invitation (the others "
    "are told so at once)"
)
ORGANISATIONS = (
    "sec-scope: organisations are not added in the admin; they come from their members or "
    "from registering a case that came on paper"
)

STAFF = "handlaggare sekreterare"
ALL_STAFF = "handlaggare sekreterare superuser"
SUPERUSER = "superuser"
MEMBERS = "firmatecknare kontaktperson"
LOGGED_IN = "firmatecknare kontaktperson handlaggare sekreterare superuser"

# reason -> route -> method -> target -> the roles for whom the cell is still open
_OPEN = {
    VERSIONS: {
        "admin/agreements/agreement/^([^/]+)/history/([^/]+)/$": {
            "GET": {"other_forvaltning": STAFF, "other_org": STAFF},
            "POST": {"other_forvaltning": ALL_STAFF, "other_org": ALL_STAFF, "own": ALL_STAFF},
        },
        "admin/agreements/agreementtemplate/^([^/]+)/history/([^/]+)/$": {
            "GET": {"other": STAFF},
            "POST": {"other": ALL_STAFF, "own": ALL_STAFF},
        },
        "admin/assessments/assessment/^([^/]+)/history/([^/]+)/$": {
            "GET": {"other_forvaltning": STAFF, "other_org": STAFF},
            "POST": {"other_forvaltning": ALL_STAFF, "other_org": ALL_STAFF, "own": ALL_STAFF},
        },
        "admin/initiatives/initiative/^([^/]+)/history/([^/]+)/$": {
            "GET": {
                "draft": ALL_STAFF,
                "other_forvaltning": STAFF,
                "other_org": STAFF,
                "own_draft_version": ALL_STAFF,
            },
            "POST": {
                "draft": ALL_STAFF,
                "other_forvaltning": ALL_STAFF,
                "other_org": ALL_STAFF,
                "own": ALL_STAFF,
                "own_draft_version": ALL_STAFF,
            },
        },
        "admin/initiatives/organisation/^([^/]+)/history/([^/]+)/$": {
            "GET": {"other": STAFF},
            "POST": {"other": ALL_STAFF, "own": ALL_STAFF},
        },
    },
    OBJECT_PAGES: {
        "admin/accounts/user/<path:object_id>/delete/": {
            "GET": {"firmatecknare": STAFF},
            "POST": {"firmatecknare": STAFF},
        },
        "admin/agreements/agreement/<path:object_id>/delete/": {
            "GET": {"other_forvaltning": STAFF, "other_org": STAFF},
            "POST": {"other_forvaltning": STAFF, "other_org": STAFF},
        },
        "admin/agreements/agreementtemplate/<path:object_id>/change/": {
            "GET": {"other": STAFF},
            "POST": {"other": STAFF},
        },
        "admin/agreements/agreementtemplate/<path:object_id>/delete/": {
            "GET": {"other": STAFF},
            "POST": {"other": STAFF},
        },
        "admin/agreements/agreementtemplate/<path:object_id>/history/": {
            "GET": {"other": STAFF},
            "POST": {"other": STAFF},
        },
        "admin/agreements/decision/<path:object_id>/delete/": {
            "GET": {"other_forvaltning": STAFF, "other_org": STAFF},
            "POST": {"other_forvaltning": STAFF, "other_org": STAFF},
        },
        "admin/agreements/evaluation/<path:object_id>/delete/": {
            "GET": {"closed_other": STAFF},
            "POST": {"closed_other": STAFF},
        },
        "admin/agreements/sentreminder/<path:object_id>/delete/": {
            "GET": {"other_forvaltning": STAFF, "other_org": STAFF},
            "POST": {"other_forvaltning": STAFF, "other_org": STAFF},
        },
        "admin/assessments/assessment/<path:object_id>/delete/": {
            "GET": {"other_forvaltning": STAFF, "other_org": STAFF},
            "POST": {"other_forvaltning": STAFF, "other_org": STAFF},
        },
        "admin/casework/casemessage/<path:object_id>/delete/": {
            "GET": {"other_forvaltning": STAFF, "other_org": STAFF},
            "POST": {"other_forvaltning": STAFF, "other_org": STAFF},
        },
        "admin/casework/casemessage/<path:object_id>/history/": {
            "GET": {"other_forvaltning": STAFF, "other_org": STAFF},
            "POST": {"other_forvaltning": STAFF, "other_org": STAFF},
        },
        "admin/casework/followupreport/<path:object_id>/delete/": {
            "GET": {"other_forvaltning": STAFF, "other_org": STAFF},
            "POST": {"other_forvaltning": STAFF, "other_org": STAFF},
        },
        "admin/casework/followupreport/<path:object_id>/history/": {
            "GET": {"other_forvaltning": STAFF, "other_org": STAFF},
            "POST": {"other_forvaltning": STAFF, "other_org": STAFF},
        },
        "admin/initiatives/initiative/<path:object_id>/delete/": {
            "GET": {
                "draft": ALL_STAFF,
                "other_draft": ALL_STAFF,
                "other_forvaltning": STAFF,
                "other_org": STAFF,
            },
            "POST": {
                "draft": ALL_STAFF,
                "other_draft": ALL_STAFF,
                "other_forvaltning": STAFF,
                "other_org": STAFF,
            },
        },
        "admin/initiatives/organisation/<path:object_id>/delete/": {
            "GET": {"other": STAFF},
            "POST": {"other": STAFF},
        },
    },
    SHORTCUT: {
        "admin/r/<path:content_type_id>/<path:object_id>/": {
            "GET": {"draft": ALL_STAFF, "other_forvaltning": ALL_STAFF, "own": ALL_STAFF},
            "POST": {"draft": ALL_STAFF, "other_forvaltning": ALL_STAFF, "own": ALL_STAFF},
        },
    },
    ACCOUNTS: {
        "admin/accounts/user/<path:object_id>/change/": {
            "GET": {"firmatecknare": STAFF},
            "POST": {"firmatecknare": STAFF},
        },
        "admin/accounts/user/<path:object_id>/history/": {
            "GET": {"firmatecknare": STAFF},
            "POST": {"firmatecknare": STAFF},
        },
    },
    INVITATION: {
        "inbjudan/<str:token>/": {
            "GET": {"pending": LOGGED_IN},
            "POST": {"pending": MEMBERS},
        },
    },
    ORGANISATIONS: {
        "admin/initiatives/organisation/add/": {
            "GET": {"_": SUPERUSER},
            "POST": {"_": SUPERUSER},
        },
    },
}

KNOWN_OPEN: dict[tuple[str, str, str, str], str] = {
    (route, role, target, method): reason
    for reason, by_route in _OPEN.items()
    for route, by_method in by_route.items()
    for method, by_target in by_method.items()
    for target, roles in by_target.items()
    for role in roles.split()
}
