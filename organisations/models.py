"""Organisations, the people who represent them, their invitations and their documents."""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.fields import LineField, validate_date_range, year_validators

from .validators import validate_bankgiro, validate_org_number


class Organisation(models.Model):
    """An idéburen organisation that takes initiatives."""

    class LegalForm(models.TextChoices):
        IDEELL_FORENING = "ideell_forening", _("Ideell förening")
        STIFTELSE = "stiftelse", _("Stiftelse")
        TROSSAMFUND = "trossamfund", _("Registrerat trossamfund")
        EKONOMISK_FORENING = "ekonomisk_forening", _("Ekonomisk förening (icke vinstutdelande)")
        AKTIEBOLAG_SVB = "aktiebolag_svb", _("Aktiebolag med särskild vinstutdelningsbegränsning")
        OTHER = "other", _("Annan")

    name = LineField(_("namn"), max_length=200)
    org_number = models.CharField(
        _("organisationsnummer"),
        max_length=11,
        unique=True,
        validators=[validate_org_number],
        help_text=_("Tio siffror, till exempel 802002-4280."),
    )
    legal_form = models.CharField(_("juridisk form"), max_length=30, choices=LegalForm.choices)
    kammarkollegiet_registered_since = models.DateField(
        _("registrerad hos Kammarkollegiet sedan"),
        null=True,
        blank=True,
        validators=[validate_date_range],
        help_text=_("Datum för registrering i registret över idéburna organisationer, om någon."),
    )
    street_address = LineField(_("utdelningsadress"), max_length=200)
    postal_code = LineField(_("postnummer"), max_length=10)
    city = LineField(_("postort"), max_length=100)
    contact_name = LineField(_("kontaktperson"), max_length=200)
    contact_email = models.EmailField(_("e-post till kontaktperson"))
    contact_phone = LineField(_("telefon till kontaktperson"), max_length=40)
    bankgiro = models.CharField(
        _("bankgiro"),
        max_length=9,
        blank=True,
        db_default="",
        validators=[validate_bankgiro],
        help_text=_("Sju eller åtta siffror, till exempel 5050-1055."),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Membership",
        through_fields=("organisation", "user"),
        related_name="organisations",
        verbose_name=_("företrädare"),
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["name"]

    def __str__(self):
        return self.name


class MembershipQuerySet(models.QuerySet):
    def current(self):
        """Memberships that have not ended; only these give access to the organisation."""
        return self.filter(ended_at__isnull=True)


class Membership(models.Model):
    """A person who represents an organisation in the portal.

    A membership that ends is kept with `ended_at` set, so the person's past actions still point
    at who they acted for; only current memberships give access.
    """

    class Role(models.TextChoices):
        FIRMATECKNARE = "firmatecknare", _("Firmatecknare")
        KONTAKTPERSON = "kontaktperson", _("Kontaktperson")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices)
    started_at = models.DateTimeField(_("började"), default=timezone.now, db_default=Now())
    ended_at = models.DateTimeField(_("slutade"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("avslutad av"),
    )

    objects = MembershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("företrädare")
        verbose_name_plural = _("företrädare")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"],
                condition=Q(ended_at__isnull=True),
                name="membership_unique_current",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.organisation}"

    @property
    def is_current(self):
        return self.ended_at is None


def invitation_expiry():
    return timezone.now() + datetime.timedelta(days=settings.IOP_INVITATION_DAYS)


class Invitation(models.Model):
    """An invitation by email to become a member of an organisation, accepted by a token link.

    Only a hash of the token is stored: the link in the mail is the one place the token exists.
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("organisation"),
    )
    email = models.EmailField(_("e-post"))
    role = models.CharField(_("roll"), max_length=20, choices=Membership.Role.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("inbjuden av"),
    )
    created_at = models.DateTimeField(_("skickad"), auto_now_add=True)
    expires_at = models.DateTimeField(_("gäller till"), default=invitation_expiry)
    accepted_at = models.DateTimeField(_("accepterad"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepterad av"),
    )
    cancelled_at = models.DateTimeField(_("återkallad"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("inbjudan")
        verbose_name_plural = _("inbjudningar")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.email} → {self.organisation}"

    @property
    def is_pending(self):
        return (
            self.accepted_at is None
            and self.cancelled_at is None
            and self.expires_at > timezone.now()
        )


def organisation_document_path(instance, filename):
    # Random on disk, as for case attachments: the user's name is kept in original_name only.
    return f"organisation-documents/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


class OrganisationDocument(models.Model):
    """A governing or financial document of an organisation, shown to its members and to staff
    handling one of its cases."""

    class Kind(models.TextChoices):
        STADGAR = "stadgar", _("Stadgar")
        ARSREDOVISNING = "arsredovisning", _("Årsredovisning")
        ARSBOKSLUT = "arsbokslut", _("Årsbokslut")
        VERKSAMHETSBERATTELSE = "verksamhetsberattelse", _("Verksamhetsberättelse")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("slags handling"), max_length=30, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(
        _("år"),
        help_text=_("Året handlingen gäller, till exempel räkenskapsåret."),
        validators=year_validators(),
    )
    file = models.FileField(_("fil"), upload_to=organisation_document_path, max_length=200)
    original_name = LineField(_("filnamn"), max_length=200)
    content_type = models.CharField(_("filtyp"), max_length=100)
    size = models.PositiveIntegerField(_("storlek (byte)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uppladdad av"),
    )
    uploaded_at = models.DateTimeField(_("uppladdad"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisationshandling")
        verbose_name_plural = _("organisationshandlingar")
        ordering = ["kind", "-year", "-uploaded_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(size__gt=0), name="organisationdocument_not_empty"),
            models.CheckConstraint(
                condition=Q(year__gte=1900) & Q(year__lte=2200),
                name="organisationdocument_year_sane",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.year}"

    def get_absolute_url(self):
        return reverse("initiatives:organisation_document", args=[self.pk])
