"""The tjänsteutlåtande: the förvaltning's authored, versioned memo to the nämnd, and its layout."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.fields import TEXT_DOCUMENT, TEXT_LONG, LineField, TextBlockField

# The sections a tjänsteutlåtande can have, by key; a template (TjansteutlatandeMall) chooses
# which appear, in which order and under which heading. "signatures" and "bilagor" are parts of
# the layout without a text field of their own.
SECTION_KEYS = (
    "forslag_till_beslut",
    "signatures",
    "sammanfattning",
    "bakgrund",
    "arendets_beredning",
    "arendet",
    "synpunkter",
    "sammantagen_bedomning",
    "beslutsunderlag",
    "bilagor",
)
TEXT_SECTIONS = (
    "forslag_till_beslut",
    "sammanfattning",
    "bakgrund",
    "arendets_beredning",
    "arendet",
    "synpunkter",
    "sammantagen_bedomning",
    "beslutsunderlag",
)
# Columns the database trigger (decisions 0002) keeps unchanged once the document is upprättat.
FROZEN_COLUMNS = (
    "initiative_id",
    "mall_id",
    "version",
    "replaces_id",
    "rattelse",
    "forvaltning_name",
    "handlaggare_name",
    "handlaggare_phone",
    "till",
    "dnr",
    "title",
    *TEXT_SECTIONS,
    "fotnoter",
    "upprattad_on",
    "pdf",
    "pdf_sha256",
    "diary_entry_id",
)


class TjansteutlatandeMall(models.Model):
    """A förvaltning's layout of the tjänsteutlåtande: its sections, their order and headings."""

    key = models.SlugField(_("nyckel"), max_length=50, unique=True)
    name = LineField(_("namn"), max_length=200)
    forvaltning = models.OneToOneField(
        "accounts.Forvaltning",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tjansteutlatande_mall",
        verbose_name=_("förvaltning"),
        help_text=_("Tom: mallen för förvaltningar som saknar en egen."),
    )
    is_default = models.BooleanField(_("standardmall"), default=False)
    # [[key, heading], ...] in order; key is one of SECTION_KEYS.
    sections = models.JSONField(_("avsnitt"), default=list)

    class Meta:
        verbose_name = _("mall för tjänsteutlåtande")
        verbose_name_plural = _("mallar för tjänsteutlåtande")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="tu_mall_one_default"
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        keys = [key for key, _heading in self.sections]
        unknown = set(keys) - set(SECTION_KEYS)
        if unknown:
            raise ValidationError(
                _("Okända avsnitt i mallen: %(keys)s.") % {"keys": ", ".join(sorted(unknown))}
            )

    def heading(self, key: str) -> str:
        return dict(self.sections).get(key, "")


class Undertecknare(models.Model):
    """Who approves and signs a förvaltning's tjänsteutlåtanden: the chef and a second signatory."""

    class Roll(models.TextChoices):
        CHEF = "chef", _("Förvaltningschef")
        ANDRA = "andra", _("Andra undertecknare")

    forvaltning = models.ForeignKey(
        "accounts.Forvaltning",
        on_delete=models.PROTECT,
        related_name="undertecknare",
        verbose_name=_("förvaltning"),
    )
    roll = models.CharField(_("roll"), max_length=10, choices=Roll.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("användare")
    )
    titel = LineField(_("titel"), max_length=100)

    class Meta:
        verbose_name = _("undertecknare")
        verbose_name_plural = _("undertecknare")
        constraints = [
            models.UniqueConstraint(fields=["forvaltning", "roll"], name="undertecknare_unique"),
        ]

    def __str__(self):
        return f"{self.forvaltning}: {self.get_roll_display()}"


class Tjansteutlatande(models.Model):
    """One version of a case's tjänsteutlåtande. Once upprättat it never changes (the service,
    save() and a database trigger refuse); a correction is a new version replacing it."""

    class Status(models.TextChoices):
        UTKAST = "utkast", _("Utkast")
        GRANSKNING = "granskning", _("För godkännande")
        UPPRATTAD = "upprattad", _("Upprättad")
        ERSATT = "ersatt", _("Ersatt")

    OPEN = (Status.UTKAST, Status.GRANSKNING)
    CLOSED = (Status.UPPRATTAD, Status.ERSATT)

    initiative = models.ForeignKey(
        "initiatives.Initiative",
        on_delete=models.PROTECT,
        related_name="tjansteutlatanden",
        verbose_name=_("ärende"),
    )
    mall = models.ForeignKey(TjansteutlatandeMall, on_delete=models.PROTECT, verbose_name=_("mall"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("ersätter"),
    )
    rattelse = TextBlockField(_("vad rättelsen gäller"), max_length=TEXT_LONG, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.UTKAST
    )
    forvaltning_name = LineField(_("förvaltning"), max_length=200)
    handlaggare_name = LineField(_("handläggare"), max_length=200, blank=True)
    handlaggare_phone = LineField(_("handläggarens telefon"), max_length=50, blank=True)
    till = LineField(_("till"), max_length=200)
    dnr = LineField(_("Dnr"), max_length=50)
    title = LineField(_("rubrik"), max_length=300)
    forslag_till_beslut = TextBlockField(
        _("förslag till beslut"),
        max_length=TEXT_LONG,
        blank=True,
        help_text=_("En beslutspunkt per rad, utan nummer: numren sätts i dokumentet."),
    )
    sammanfattning = TextBlockField(_("sammanfattning"), max_length=TEXT_DOCUMENT, blank=True)
    bakgrund = TextBlockField(_("bakgrund"), max_length=TEXT_DOCUMENT, blank=True)
    arendets_beredning = TextBlockField(
        _("ärendets beredning"),
        max_length=TEXT_LONG,
        blank=True,
        help_text=_("Vilka grupper som har behandlat ärendet och när, en rad per tillfälle."),
    )
    arendet = TextBlockField(_("ärendet"), max_length=TEXT_DOCUMENT, blank=True)
    synpunkter = TextBlockField(
        _("förvaltningens synpunkter och förslag"), max_length=TEXT_DOCUMENT, blank=True
    )
    sammantagen_bedomning = TextBlockField(
        _("sammantagen bedömning"), max_length=TEXT_DOCUMENT, blank=True
    )
    beslutsunderlag = TextBlockField(
        _("beslutsunderlag"), max_length=TEXT_LONG, blank=True, help_text=_("Ett underlag per rad.")
    )
    fotnoter = TextBlockField(
        _("fotnoter"), max_length=TEXT_LONG, blank=True, help_text=_("En fotnot per rad.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("skapad av"),
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    submitted_at = models.DateTimeField(_("lämnad för godkännande"), null=True, blank=True)
    upprattad_on = models.DateField(_("upprättad"), null=True, blank=True)
    pdf = models.FileField(_("upprättad PDF"), upload_to="tjansteutlatanden/%Y/", blank=True)
    pdf_sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    diary_entry = models.OneToOneField(
        "initiatives.DiaryEntry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diarieanteckning"),
    )

    class Meta:
        verbose_name = _("tjänsteutlåtande")
        verbose_name_plural = _("tjänsteutlåtanden")
        ordering = ["initiative", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "version"], name="tu_version_unique"),
            models.UniqueConstraint(
                fields=["initiative"],
                condition=Q(status__in=["utkast", "granskning"]),
                name="tu_one_open_draft",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="tu_version_positive"),
            models.CheckConstraint(
                condition=~Q(status__in=["upprattad", "ersatt"])
                | (Q(upprattad_on__isnull=False) & ~Q(pdf="") & ~Q(pdf_sha256="")),
                name="tu_upprattad_is_stored",
            ),
            models.CheckConstraint(
                condition=Q(replaces__isnull=True) | ~Q(rattelse=""), name="tu_correction_says_why"
            ),
        ]

    def __str__(self):
        return f"{self.dnr} {self.title} (v{self.version})"

    def save(self, *args, **kwargs):
        # The only change an upprättat document allows is to be marked ersatt by its correction.
        if self.pk and kwargs.get("update_fields") != ["status"]:
            stored = type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()
            self.refuse_change(stored)
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    def refuse_change(self, status: str | None = None) -> None:
        """Refuse to change a closed version (upprättad or ersatt): a correction is a new one.

        `status` is the stored row's (save asks the database); by default this instance's, as
        the services read it from the locked row.
        """
        status = self.status if status is None else status
        if status in self.CLOSED:
            raise ValidationError(
                _("Tjänsteutlåtandet är %(status)s och kan inte ändras; gör en rättelse i stället.")
                % {"status": self.Status(status).label.lower()},
                code="upprattad",
            )

    @property
    def forslag_till_beslut_points(self) -> list[str]:
        return lines(self.forslag_till_beslut)

    @property
    def beslutsunderlag_lines(self) -> list[str]:
        return lines(self.beslutsunderlag)

    @property
    def fotnot_lines(self) -> list[str]:
        return lines(self.fotnoter)


def lines(text: str) -> list[str]:
    """The non-empty lines of a text, each a point: a leading "1." or "-" typed by the writer is
    dropped, since the document numbers the points itself (never "1. 1.")."""
    points = []
    for line in (text or "").splitlines():
        line = re.sub(r"^\s*(?:\d+[.)]|[-•*])\s+", "", line).strip()
        if line:
            points.append(line)
    return points


class TjansteutlatandeBilaga(models.Model):
    """A numbered bilaga of the tjänsteutlåtande, optionally one of the case's own attachments."""

    tjansteutlatande = models.ForeignKey(
        Tjansteutlatande, on_delete=models.CASCADE, related_name="bilagor"
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    title = LineField(_("titel"), max_length=300)
    dnr = LineField(_("Dnr"), max_length=50, blank=True)
    attachment = models.ForeignKey(
        "initiatives.Attachment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ärendets bilaga"),
    )

    class Meta:
        verbose_name = _("bilaga till tjänsteutlåtande")
        verbose_name_plural = _("bilagor till tjänsteutlåtande")
        ordering = ["tjansteutlatande", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["tjansteutlatande", "number"], name="tu_bilaga_number_unique"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="tu_bilaga_number_positive"),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


class TjansteutlatandeAvsnitt(models.Model):
    """An extra section the writer adds (seed 000: "Fakta om idéburet offentligt partnerskap")."""

    tjansteutlatande = models.ForeignKey(
        Tjansteutlatande, on_delete=models.CASCADE, related_name="avsnitt"
    )
    heading = LineField(_("rubrik"), max_length=200)
    text = TextBlockField(_("text"), max_length=TEXT_DOCUMENT)
    order = models.PositiveSmallIntegerField(_("ordning"), default=1)
    after = models.CharField(
        _("efter avsnittet"),
        max_length=30,
        default="synpunkter",
        choices=[(key, key) for key in TEXT_SECTIONS],
    )

    class Meta:
        verbose_name = _("extra avsnitt")
        verbose_name_plural = _("extra avsnitt")
        ordering = ["tjansteutlatande", "order", "pk"]

    def __str__(self):
        return self.heading


class TjansteutlatandeGodkannande(models.Model):
    """One approval of a tjänsteutlåtande version: who, in which role, when."""

    tjansteutlatande = models.ForeignKey(
        Tjansteutlatande, on_delete=models.CASCADE, related_name="godkannanden"
    )
    roll = models.CharField(_("roll"), max_length=10, choices=Undertecknare.Roll.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("godkänd av")
    )
    name = LineField(_("namn"), max_length=200)
    titel = LineField(_("titel"), max_length=100)
    at = models.DateTimeField(_("godkänd"), auto_now_add=True)

    class Meta:
        verbose_name = _("godkännande")
        verbose_name_plural = _("godkännanden")
        ordering = ["tjansteutlatande", "at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["tjansteutlatande", "roll"], name="tu_godkannande_one_per_role"
            ),
        ]

    def __str__(self):
        return f"{self.name}, {self.titel}"
