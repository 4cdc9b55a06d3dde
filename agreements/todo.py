"""The organisation's comments on a draft that no later version has answered, for "Mitt arbete"."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from initiatives import extensions
from initiatives.models import Status

from .models import AgreementComment, AgreementVersion


def unanswered_comments(*, user, limit: int) -> list[extensions.TodoRow]:
    later_version = AgreementVersion.objects.filter(
        agreement_id=OuterRef("version__agreement_id"),
        sent_at__gt=OuterRef("created_at"),
    )
    comments = (
        AgreementComment.objects.filter(
            version__agreement__initiative__handlaggare=user,
            version__agreement__initiative__status=Status.AGREEMENT,
        )
        .filter(~Exists(later_version))
        .select_related("version__agreement__initiative__organisation")
        .order_by("-created_at", "-pk")[:limit]
    )
    return [
        extensions.TodoRow(
            when=c.created_at,
            what=_("Kommentar på avtalsutkastet"),
            case=c.version.agreement.initiative,
            url=reverse("admin:agreements_agreement_change", args=[c.version.agreement_id]),
        )
        for c in comments
    ]
