"""The case's own limit on its attachments; the checks of every upload are core.uploads."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


def check_case_total(*, current_total: int, adding: int, name: str) -> None:
    limit = settings.IOP_ATTACHMENTS_PER_CASE_MAX_BYTES
    if current_total + adding > limit:
        raise ValidationError(
            _(
                "Filen %(name)s får inte plats: ärendets bilagor får vara högst %(limit)s "
                "tillsammans, och %(used)s är redan använt."
            ),
            code="case_full",
            params={
                "name": name,
                "limit": filesizeformat(limit),
                "used": filesizeformat(current_total),
            },
        )
