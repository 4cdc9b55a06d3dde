"""The demo's signatories of the tjänsteutlåtande: a förvaltningschef login per förvaltning (and
Socialförvaltningen's avdelningschef as second signatory); Utbildningsförvaltningen writes on
Linköping's template (seed 001)."""

from decisions.models import TjansteutlatandeMall, Undertecknare

from .people import demo_user


def signatories_demo_add(*, forvaltningar: dict, group) -> dict:
    """Create the chefs' logins and name them as undertecknare; return the logins by username."""
    logins = {}
    for prefix, forvaltning in forvaltningar.items():
        people = [(Undertecknare.Roll.CHEF, forvaltning.head_name, "Förvaltningschef")]
        if forvaltning.deputy_name:
            people.append(
                (Undertecknare.Roll.ANDRA, forvaltning.deputy_name, forvaltning.deputy_title)
            )
        for roll, name, titel in people:
            first, last = name.split(" ", 1)
            username = f"{roll}.{prefix.lower()}"
            logins[username] = user = demo_user(
                username,
                first,
                last,
                email=f"{username}@demokommun.example",
                staff=True,
                forvaltning=forvaltning,
                group=group,
            )
            Undertecknare.objects.create(forvaltning=forvaltning, roll=roll, user=user, titel=titel)
    TjansteutlatandeMall.objects.filter(key="linkoping").update(forvaltning=forvaltningar["UTF"])
    return logins
