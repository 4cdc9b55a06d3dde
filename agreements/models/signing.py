"""The agreement as sent and signed: saved versions, the organisation's comments, signatures."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.fields import TEXT_MEDIUM, LineField, TextBlockField, validate_date_range

from .agreement import Agreement, Party


class AgreementVersion(models.Model):
    """A saved draft: every clause, field and contribution as they stood, numbered per agreement."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="versions", verbose_name=_("avtal")
    )
    number = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(_("innehåll"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("sparad av"),
    )
    created_at = models.DateTimeField(_("sparad"), auto_now_add=True)
    sent_at = models.DateTimeField(_("skickad till organisationen"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skickad av"),
    )

    class Meta:
        verbose_name = _("avtalsversion")
        verbose_name_plural = _("avtalsversioner")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="agreementversion_unique"),
        ]

    def __str__(self):
        return _("Version %(n)s") % {"n": self.number}


class AgreementComment(models.Model):
    """The organisation's comment on a draft sent to it; stored as written, never edited."""

    version = models.ForeignKey(
        AgreementVersion,
        on_delete=models.PROTECT,
        related_name="comments",
        verbose_name=_("avtalsversion"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("skriven av")
    )
    text = TextBlockField(_("kommentar"), max_length=TEXT_MEDIUM)
    created_at = models.DateTimeField(_("skriven"), auto_now_add=True)

    class Meta:
        verbose_name = _("kommentar på avtalsutkast")
        verbose_name_plural = _("kommentarer på avtalsutkast")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.author} {self.created_at:%Y-%m-%d}"


class Signature(models.Model):
    """Who signed the agreement for one party, when, where and how."""

    class Method(models.TextChoices):
        PAPER = "paper", _("På papper")
        DIGITAL = "digital", _("Digitalt")

    agreement = models.ForeignKey(
        Agreement, on_delete=models.PROTECT, related_name="signatures", verbose_name=_("avtal")
    )
    party = models.CharField(_("part"), max_length=20, choices=Party.choices)
    name = LineField(_("namn"), max_length=200)
    title = LineField(_("titel"), max_length=200, blank=True)
    place = LineField(_("ort"), max_length=100)
    signed_on = models.DateField(_("datum"), validators=[validate_date_range])
    method = models.CharField(_("hur"), max_length=20, choices=Method.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("registrerat av")
    )
    recorded_at = models.DateTimeField(_("registrerat"), auto_now_add=True)

    class Meta:
        verbose_name = _("underskrift")
        verbose_name_plural = _("underskrifter")
        ordering = ["party"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "party"], name="signature_one_per_party"),
        ]

    def __str__(self):
        return f"{self.get_party_display()}: {self.name} {self.signed_on}"
