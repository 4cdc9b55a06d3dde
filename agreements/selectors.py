"""Reads of agreement drafts that the admin and the organisation's page share."""

from django.db.models import QuerySet

from .models import AgreementComment, AgreementVersion


def versions_for(*, agreement) -> QuerySet[AgreementVersion]:
    """The agreement's versions, newest first, with who saved and sent each."""
    return (
        AgreementVersion.objects.filter(agreement=agreement)
        .select_related("created_by", "sent_by")
        .defer("snapshot")
        .order_by("-number")
    )


def sent_version(*, agreement) -> AgreementVersion | None:
    """The latest version sent to the organisation, the one it reads and comments on."""
    return (
        AgreementVersion.objects.filter(agreement=agreement, sent_at__isnull=False)
        .order_by("-number")
        .first()
    )


def comments_for(*, agreement) -> QuerySet[AgreementComment]:
    return (
        AgreementComment.objects.filter(version__agreement=agreement)
        .select_related("author", "version")
        .order_by("created_at", "pk")
    )
