"""A nämnd's meeting (sammanträde) and the members who sit at it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.fields import LineField


class Sammantrade(models.Model):
    """One meeting of a nämnd: its föredragningslista becomes the protokoll's §§."""

    class Status(models.TextChoices):
        PLANNED = "planerat", _("Planerat")
        HELD = "genomfort", _("Genomfört")
        JUSTERAT = "justerat", _("Justerat")

    namnd = models.ForeignKey(
        "accounts.Namnd",
        on_delete=models.PROTECT,
        related_name="sammantraden",
        verbose_name=_("nämnd"),
    )
    date = models.DateField(_("datum"))
    time = models.TimeField(_("tid"))
    place = LineField(_("plats"), max_length=200)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    ordforande = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ordförande"),
    )
    sekreterare = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sekreterare"),
    )
    justerare = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("justerare")
    )
    # Set when the ordförande and every justerare have confirmed; from then nothing changes.
    justerad_on = models.DateField(_("justeringsdatum"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("skapat av"),
    )
    created_at = models.DateTimeField(_("skapat"), auto_now_add=True)

    class Meta:
        verbose_name = _("sammanträde")
        verbose_name_plural = _("sammanträden")
        ordering = ["-date", "-time", "-pk"]
        indexes = [models.Index(fields=["namnd", "date"], name="sammantrade_namnd_date")]

    def __str__(self):
        return f"{self.namnd} {self.date:%Y-%m-%d}"

    @property
    def is_justerat(self) -> bool:
        return self.status == self.Status.JUSTERAT


class Ledamot(models.Model):
    """A member (ordinarie or ersättare) at one meeting, with party letters."""

    class Role(models.TextChoices):
        ORDINARIE = "ordinarie", _("Ordinarie ledamot")
        ERSATTARE = "ersattare", _("Ersättare")

    sammantrade = models.ForeignKey(
        Sammantrade,
        on_delete=models.CASCADE,
        related_name="ledamoter",
        verbose_name=_("sammanträde"),
    )
    name = LineField(_("namn"), max_length=200)
    party = LineField(
        _("parti"), max_length=10, help_text=_("Partiets bokstäver, t.ex. S eller M.")
    )
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices, default=Role.ORDINARIE)
    tjanstgorande = models.BooleanField(_("tjänstgörande"), default=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("användare"),
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("ledamot")
        verbose_name_plural = _("ledamöter")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["sammantrade", "name"], name="ledamot_unique_name"),
        ]

    def __str__(self):
        return f"{self.name} ({self.party})"
