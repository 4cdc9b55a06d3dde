"""The protokoll's justering, its anslag on the anslagstavla, and the expediering of its
protokollsutdrag."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import LineField

from .meeting import Sammantrade
from .paragraf import Paragraf


class Justering(models.Model):
    """One person's confirmation of the protokoll (or of one § justerad omedelbart)."""

    class Role(models.TextChoices):
        ORDFORANDE = "ordforande", _("Ordförande")
        JUSTERARE = "justerare", _("Justerare")

    sammantrade = models.ForeignKey(
        Sammantrade,
        on_delete=models.PROTECT,
        related_name="justeringar",
        verbose_name=_("sammanträde"),
    )
    # Empty for the whole protokoll; a § when that § alone was justerad omedelbart.
    paragraf = models.ForeignKey(
        Paragraf,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="justeringar",
        verbose_name=_("paragraf"),
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The name as it is printed under the protokoll, kept as it was on the day.
    name = LineField(_("namn"), max_length=200)
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices)
    confirmed_on = models.DateField(_("justerat den"))
    confirmed_at = models.DateTimeField(_("bekräftat"), auto_now_add=True)

    class Meta:
        verbose_name = _("justering")
        verbose_name_plural = _("justeringar")
        ordering = ["confirmed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["sammantrade", "user"],
                condition=Q(paragraf__isnull=True),
                name="justering_once_per_protokoll",
            ),
            models.UniqueConstraint(
                fields=["paragraf", "user"],
                condition=Q(paragraf__isnull=False),
                name="justering_once_per_paragraf",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_role_display()}) {self.confirmed_on}"


class Anslag(models.Model):
    """The notice of a justerat protokoll on the digital anslagstavla."""

    sammantrade = models.ForeignKey(
        Sammantrade,
        on_delete=models.PROTECT,
        related_name="anslag",
        verbose_name=_("sammanträde"),
    )
    # Empty for the meeting's protokoll; a § justerad omedelbart has a notice of its own.
    paragraf = models.ForeignKey(
        Paragraf,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="anslag",
        verbose_name=_("paragraf"),
    )
    posted_on = models.DateField(_("anslaget den"))
    taken_down_on = models.DateField(_("tas ned den"))
    kept_at = LineField(_("förvaringsplats för protokollet"), max_length=300)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("publicerat"), auto_now_add=True)

    class Meta:
        verbose_name = _("anslag")
        verbose_name_plural = _("anslag")
        ordering = ["-posted_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["sammantrade"],
                condition=Q(paragraf__isnull=True),
                name="anslag_once_per_protokoll",
            ),
            models.UniqueConstraint(
                fields=["paragraf"],
                condition=Q(paragraf__isnull=False),
                name="anslag_once_per_paragraf",
            ),
            models.CheckConstraint(
                condition=Q(taken_down_on__gt=F("posted_on")), name="anslag_taken_down_after"
            ),
        ]

    def __str__(self):
        return f"{self.sammantrade} ({self.posted_on})"


def expediering_path(instance, filename):
    # A random stored name, as for the case's attachments.
    return f"expediering/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


class Expediering(models.Model):
    """One sending of a §'s protokollsutdrag to someone the decision concerns."""

    class RecipientKind(models.TextChoices):
        ORGANISATION = "organisation", _("Organisationen")
        HANDLAGGARE = "handlaggare", _("Handläggaren")

    class Channel(models.TextChoices):
        PORTAL = "portal", _("I portalen")
        MAIL = "mail", _("E-post")

    paragraf = models.ForeignKey(
        Paragraf,
        on_delete=models.PROTECT,
        related_name="expedieringar",
        verbose_name=_("paragraf"),
    )
    recipient_kind = models.CharField(_("mottagare"), max_length=20, choices=RecipientKind.choices)
    recipient = LineField(_("mottagarens namn eller adress"), max_length=300)
    channel = models.CharField(_("kanal"), max_length=10, choices=Channel.choices)
    sent_at = models.DateTimeField(_("skickat"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("skickat av"),
    )
    document = models.FileField(
        _("dokument"), upload_to=expediering_path, max_length=200, blank=True
    )

    class Meta:
        verbose_name = _("expediering")
        verbose_name_plural = _("expedieringar")
        ordering = ["sent_at", "pk"]

    def __str__(self):
        return f"{self.paragraf} → {self.recipient}"
