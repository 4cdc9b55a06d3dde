"""Helpers the agreement tests share: a drafted agreement, its contribution rows, hostile markup."""

from agreements import drafting, services

HOSTILE = '<b>fet</b><script>alert("x")</script>'


def drafted(town, **fields):
    case = town.assessed(**fields)
    return services.agreement_create_draft(initiative=case, by=town.handlaggare)


def contribution_rows(agreement):
    return [
        {"id": c.pk, **{name: getattr(c, name) for name in drafting.CONTRIBUTION_FIELDS}}
        for c in agreement.contributions.all()
    ]
