"""The municipality's bodies and the people who use the portal."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.fields import LineField

from .validators import validate_diary_pattern


class Kommun(models.Model):
    """The municipality or region that runs this portal."""

    name = LineField(_("namn"), max_length=200, unique=True)

    class Meta:
        verbose_name = _("kommun")
        verbose_name_plural = _("kommuner")

    def __str__(self):
        return self.name


class Namnd(models.Model):
    """A political committee (nämnd) that decides on partnerships."""

    kommun = models.ForeignKey(Kommun, on_delete=models.PROTECT, verbose_name=_("kommun"))
    name = LineField(_("namn"), max_length=200)

    class Meta:
        verbose_name = _("nämnd")
        verbose_name_plural = _("nämnder")
        constraints = [
            models.UniqueConstraint(fields=["kommun", "name"], name="namnd_unique_name"),
        ]

    def __str__(self):
        return self.name


class Forvaltning(models.Model):
    """An administration (förvaltning): registers, assesses and prepares cases for its nämnd."""

    kommun = models.ForeignKey(Kommun, on_delete=models.PROTECT, verbose_name=_("kommun"))
    namnd = models.ForeignKey(Namnd, on_delete=models.PROTECT, verbose_name=_("nämnd"))
    name = LineField(_("namn"), max_length=200)
    diary_prefix = LineField(
        _("diarieprefix"),
        max_length=20,
        help_text=_("Förkortningen i diarienumret, till exempel SOF."),
    )
    diary_pattern = LineField(
        _("mönster för diarienummer"),
        max_length=100,
        default="{prefix} {year}-{number:04d}",
        validators=[validate_diary_pattern],
        help_text=_(
            "Hur diarienumret skrivs. Tillgängliga fält: {prefix}, {year} och {number}, "
            "till exempel {prefix} {year}-{number:04d} eller Dnr {number}/{year}."
        ),
    )
    criteria_set = models.ForeignKey(
        "assessments.CriteriaSet",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("kriterieuppsättning"),
        help_text=_("Kriterierna som förvaltningens bedömningar görs mot."),
    )
    head_name = LineField(_("förvaltningschef"), max_length=200, blank=True)
    deputy_name = LineField(_("andra undertecknare"), max_length=200, blank=True)
    deputy_title = LineField(
        _("andra undertecknarens titel"), max_length=100, blank=True, default="Avdelningschef"
    )
    contact_name = LineField(_("sakkunnig kontaktperson"), max_length=200, blank=True)
    contact_email = models.EmailField(_("kontaktpersonens e-post"), blank=True)
    contact_phone = LineField(_("kontaktpersonens telefon"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("förvaltning")
        verbose_name_plural = _("förvaltningar")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["kommun", "name"], name="forvaltning_unique_name"),
            models.UniqueConstraint(
                fields=["kommun", "diary_prefix"], name="forvaltning_unique_diary_prefix"
            ),
        ]

    def __str__(self):
        return self.name


class User(AbstractUser):
    """A person using the portal: an organisation representative or municipal staff."""

    forvaltning = models.ForeignKey(
        Forvaltning,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("förvaltning"),
        help_text=_("För personal: förvaltningen vars ärenden personen handlägger."),
    )
    # Django's own name fields, cleaned like every other name in the portal.
    first_name = LineField(_("förnamn"), max_length=150, blank=True)
    last_name = LineField(_("efternamn"), max_length=150, blank=True)
    phone = LineField(_("telefon"), max_length=40, blank=True)
    title = LineField(_("titel"), max_length=100, blank=True)
    # True for accounts that staff create; self-service signup sets it False until the person
    # follows the link mailed to them (accounts.services.user_verify_email).
    email_verified = models.BooleanField(
        _("e-postadressen är bekräftad"),
        default=True,
        # Also in the database, so rows written without the field (older code, a migration's
        # historical model) are valid.
        db_default=True,
        help_text=_("Ett konto med obekräftad e-postadress kan inte logga in."),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("användare")
        verbose_name_plural = _("användare")
        swappable = "AUTH_USER_MODEL"
        constraints = [
            # Staff work in a förvaltning; organisation users never belong to one.
            models.CheckConstraint(
                condition=models.Q(is_staff=True) | models.Q(forvaltning__isnull=True),
                name="user_forvaltning_only_for_staff",
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.username
