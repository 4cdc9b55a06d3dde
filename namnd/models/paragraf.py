"""An item on a meeting's föredragningslista, which becomes a § of the protokoll, and what the
protokoll records about it: yrkanden, omröstning, yttranden, jäv."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.fields import MAX_PARAGRAPH, TEXT_LONG, TEXT_MEDIUM, LineField, TextBlockField

from .meeting import Ledamot, Sammantrade

JUSTERAD_MESSAGE = _("Protokollet är justerat; paragrafen kan inte längre ändras.")


def refuse_when_justerad(justerad: bool) -> None:
    """Refuse a change to a justerad § or a row under it (the protokoll's record)."""
    if justerad:
        raise ValidationError(JUSTERAD_MESSAGE, code="justerad")


class Paragraf(models.Model):
    """A case on the föredragningslista; once numbered, a § of the nämnd's protokoll."""

    class Outcome(models.TextChoices):
        BIFALL = "bifall", _("Bifall")
        AVSLAG = "avslag", _("Avslag")
        ATERREMISS = "aterremiss", _("Återremiss")
        BORDLAGGNING = "bordlaggning", _("Bordläggning")

    sammantrade = models.ForeignKey(
        Sammantrade,
        on_delete=models.PROTECT,
        related_name="paragrafer",
        verbose_name=_("sammanträde"),
    )
    # The meeting's nämnd, kept on the row so the database holds the year's numbering unique.
    namnd = models.ForeignKey(
        "accounts.Namnd", on_delete=models.PROTECT, related_name="+", verbose_name=_("nämnd")
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        on_delete=models.PROTECT,
        related_name="paragrafer",
        verbose_name=_("ärende"),
    )
    order = models.PositiveSmallIntegerField(_("ordning på föredragningslistan"), default=0)
    year = models.PositiveSmallIntegerField(_("år"), null=True, blank=True)
    number = models.PositiveSmallIntegerField(_("paragraf (§)"), null=True, blank=True)
    # The date of the upprättade tjänsteutlåtande the case came to the meeting with.
    tjansteutlatande_date = models.DateField(_("tjänsteutlåtande daterat"), null=True, blank=True)
    beslut_points = models.JSONField(_("nämndens beslut (punkter)"), default=list, blank=True)
    arendet = TextBlockField(_("ärendet"), blank=True, max_length=TEXT_LONG)
    beslutsgang = TextBlockField(_("beslutsgång"), blank=True, max_length=TEXT_LONG)
    propositionsordning = TextBlockField(
        _("propositionsordning"), blank=True, max_length=TEXT_MEDIUM
    )
    outcome = models.CharField(_("utfall"), max_length=20, choices=Outcome.choices, blank=True)
    justerad_omedelbart = models.BooleanField(_("justeras omedelbart"), default=False)
    decision = models.OneToOneField(
        "decisions.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="paragraf",
        verbose_name=_("nämndbeslut"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beslut registrerat av"),
    )
    decided_at = models.DateTimeField(_("beslut registrerat"), null=True, blank=True)
    # Set on justering (the protokoll's, or this § alone when justerad omedelbart).
    justerad_on = models.DateField(_("justeringsdatum"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        verbose_name = _("paragraf")
        verbose_name_plural = _("paragrafer")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["sammantrade", "initiative"], name="paragraf_unique_case_per_meeting"
            ),
            models.UniqueConstraint(
                fields=["namnd", "year", "number"],
                condition=Q(number__isnull=False),
                name="paragraf_unique_number_in_year",
            ),
            models.CheckConstraint(
                condition=Q(number__isnull=True, year__isnull=True)
                | Q(number__gte=1, number__lte=MAX_PARAGRAPH, year__isnull=False),
                name="paragraf_number_with_year",
            ),
        ]

    def __str__(self):
        if self.number:
            return f"§ {self.number}"
        return str(_("Punkt %(n)s") % {"n": self.order})

    def save(self, *args, **kwargs):
        # A justerad § is a record of the protokoll: the justerare may not change its content.
        refuse_when_justerad(self._stored_justerad())
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        refuse_when_justerad(self._stored_justerad())
        return super().delete(*args, **kwargs)

    def _stored_justerad(self) -> bool:
        """Asked of the stored row, whatever this instance holds."""
        if self._state.adding or self.pk is None:
            return False
        return type(self).objects.filter(pk=self.pk, justerad_on__isnull=False).exists()

    @property
    def is_justerad(self) -> bool:
        return self.justerad_on is not None

    @property
    def beslut_text(self) -> str:
        """The points as the protokoll numbers them."""
        return "\n".join(f"{i}. {point}" for i, point in enumerate(self.beslut_points, 1))


class ParagrafPart(models.Model):
    """A row the protokoll records under a §; it cannot change once the § is justerad."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        refuse_when_justerad(self.paragraf.is_justerad)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        refuse_when_justerad(self.paragraf.is_justerad)
        return super().delete(*args, **kwargs)


class Yrkande(ParagrafPart):
    """A proposal a named member made under the §."""

    paragraf = models.ForeignKey(
        Paragraf, on_delete=models.CASCADE, related_name="yrkanden", verbose_name=_("paragraf")
    )
    ledamot = models.ForeignKey(
        Ledamot, on_delete=models.PROTECT, related_name="+", verbose_name=_("ledamot")
    )
    text = TextBlockField(_("yrkande"), max_length=TEXT_MEDIUM)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("yrkande")
        verbose_name_plural = _("yrkanden")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.ledamot}: {self.text[:60]}"


class Omrostning(ParagrafPart):
    """A vote held under the §: what was put, and its result."""

    paragraf = models.OneToOneField(
        Paragraf, on_delete=models.CASCADE, related_name="omrostning", verbose_name=_("paragraf")
    )
    question = LineField(
        _("voteringsproposition"),
        max_length=500,
        help_text=_("T.ex. ”Ja för förvaltningens förslag, nej för avslag”."),
    )
    result = TextBlockField(_("resultat"), blank=True, max_length=TEXT_MEDIUM)

    class Meta:
        verbose_name = _("omröstning")
        verbose_name_plural = _("omröstningar")

    def __str__(self):
        return self.question


class Rost(models.Model):
    """One member's vote in an omröstning."""

    class Vote(models.TextChoices):
        JA = "ja", _("Ja")
        NEJ = "nej", _("Nej")
        AVSTAR = "avstar", _("Avstår")

    omrostning = models.ForeignKey(
        Omrostning, on_delete=models.CASCADE, related_name="roster", verbose_name=_("omröstning")
    )
    ledamot = models.ForeignKey(
        Ledamot, on_delete=models.PROTECT, related_name="+", verbose_name=_("ledamot")
    )
    vote = models.CharField(_("röst"), max_length=10, choices=Vote.choices)

    class Meta:
        verbose_name = _("röst")
        verbose_name_plural = _("röster")
        ordering = ["ledamot__order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["omrostning", "ledamot"], name="rost_unique_member"),
        ]

    def __str__(self):
        return f"{self.ledamot}: {self.get_vote_display()}"


class Yttrande(ParagrafPart):
    """A särskilt uttalande, reservation or protokollsanteckning by named members."""

    class Kind(models.TextChoices):
        SARSKILT_UTTALANDE = "sarskilt_uttalande", _("Särskilt uttalande")
        RESERVATION = "reservation", _("Reservation")
        PROTOKOLLSANTECKNING = "protokollsanteckning", _("Protokollsanteckning")

    paragraf = models.ForeignKey(
        Paragraf, on_delete=models.CASCADE, related_name="yttranden", verbose_name=_("paragraf")
    )
    kind = models.CharField(_("slag"), max_length=30, choices=Kind.choices)
    ledamoter = models.ManyToManyField(Ledamot, related_name="+", verbose_name=_("ledamöter"))
    text = TextBlockField(_("text"), max_length=TEXT_LONG)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("yttrande")
        verbose_name_plural = _("yttranden")
        ordering = ["pk"]

    def __str__(self):
        return self.get_kind_display()


class Jav(ParagrafPart):
    """A member who, for a conflict of interest, does not take part in the §."""

    paragraf = models.ForeignKey(
        Paragraf, on_delete=models.CASCADE, related_name="jav", verbose_name=_("paragraf")
    )
    ledamot = models.ForeignKey(
        Ledamot, on_delete=models.PROTECT, related_name="+", verbose_name=_("ledamot")
    )

    class Meta:
        verbose_name = _("jäv")
        verbose_name_plural = _("jäv")
        constraints = [
            models.UniqueConstraint(fields=["paragraf", "ledamot"], name="jav_unique_member"),
        ]

    def __str__(self):
        return str(self.ledamot)
