"""The staff roles as Django groups, with the permissions each role needs."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

HANDLAGGARE = "Handläggare"
NAMNDSEKRETERARE = "Nämndsekreterare"

_CASE_WORK = [
    ("initiatives", "initiative", ("view", "change")),
    ("organisations", "organisation", ("view",)),
    ("initiatives", "statuschange", ("view",)),
    ("initiatives", "diaryentry", ("view",)),
    ("assessments", "assessment", ("view", "change")),
    ("assessments", "criterionassessment", ("view", "change")),
    ("assessments", "criteriaset", ("view",)),
    ("assessments", "criterion", ("view",)),
    ("agreements", "agreement", ("view", "change")),
    ("agreements", "contribution", ("view", "add", "change", "delete")),
    ("agreements", "reportdate", ("view", "add", "change", "delete")),
    ("decisions", "decision", ("view",)),
    ("term", "evaluation", ("view",)),
    ("term", "evaluationgoal", ("view",)),
    ("term", "termination", ("view",)),
    ("term", "sentreminder", ("view",)),
    ("agreements", "agreementclause", ("view", "change")),
    ("agreements", "agreementversion", ("view",)),
    ("agreements", "agreementcomment", ("view",)),
    ("agreements", "signature", ("view",)),
    ("agreements", "agreementtemplate", ("view", "add", "change")),
    ("agreements", "templateclause", ("view", "add", "change", "delete")),
    ("organisations", "organisationdocument", ("view",)),
    ("organisations", "membership", ("view",)),
    ("initiatives", "casemessage", ("view",)),
    ("term", "followupreport", ("view",)),
    ("term", "followupreportline", ("view",)),
    ("namnd", "sammantrade", ("view",)),
    # Each förvaltning sets its own reminder rules (reminders.permissions scopes them).
    ("reminders", "reminderrule", ("view", "add", "change", "delete")),
    ("reminders", "sentreminder", ("view",)),
]


def _permissions(spec=(), *, codenames=()):
    wanted = list(codenames)
    for app, model, actions in spec:
        wanted += [(app, f"{action}_{model}") for action in actions]
    perms = Permission.objects.filter(content_type__app_label__in={a for a, _ in wanted})
    by_key = {
        (p.content_type.app_label, p.codename): p for p in perms.select_related("content_type")
    }
    missing = [k for k in wanted if k not in by_key]
    if missing:
        raise LookupError(f"permissions missing, run migrate first: {missing}")
    return [by_key[k] for k in wanted]


@transaction.atomic
def roles_ensure() -> dict[str, Group]:
    """Create or update the role groups; running it again changes nothing."""
    case_work = _permissions(_CASE_WORK)
    secretary = case_work + _permissions(
        codenames=[
            ("initiatives", "record_decision"),
            ("initiatives", "export_documents"),
            ("namnd", "add_sammantrade"),
            ("namnd", "change_sammantrade"),
        ]
    )
    groups = {}
    for name, perms in ((HANDLAGGARE, case_work), (NAMNDSEKRETERARE, secretary)):
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(perms)
        groups[name] = group
    return groups
