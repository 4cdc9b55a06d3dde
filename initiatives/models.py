"""Organisations, initiatives (the case), and the diary that registers them."""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import ProtectedError, Q
from django.db.models.functions import Now
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from iop_portal.fields import (
    MAX_KRONOR,
    TEXT_LONG,
    TEXT_MEDIUM,
    TEXT_SHORT,
    LineField,
    TextBlockField,
    kronor_validators,
    validate_date_range,
    year_validators,
)
from iop_portal.records import RecordModel

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


class Status(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    SUBMITTED = "submitted", _("Inkommen")
    ASSESSMENT = "assessment", _("Under bedömning")
    AGREEMENT = "agreement", _("Avtal under framtagande")
    DECISION = "decision", _("För beslut i nämnd")
    SIGNING = "signing", _("Beslutat – avtalet ska undertecknas")
    ACTIVE = "active", _("Pågående partnerskap")
    CLOSED = "closed", _("Avslutat och utvärderat")
    DECLINED = "declined", _("Avslutat utan partnerskap")


# A case in one of these is still being worked on; the others are drafts or closed.
OPEN_STATUSES = (
    Status.SUBMITTED,
    Status.ASSESSMENT,
    Status.AGREEMENT,
    Status.DECISION,
    Status.ACTIVE,
)


class ReceivedVia(models.TextChoices):
    PORTAL = "portal", _("Portalen")
    EMAIL = "email", _("E-post")
    POST = "post", _("Brev (papper)")
    IN_PERSON = "in_person", _("Lämnat personligen")
    OTHER = "other", _("Annat sätt")


class InitiativeQuerySet(models.QuerySet):
    def registered(self):
        return self.exclude(status=Status.DRAFT)

    def delete(self):
        # A registered case is a public record: it is archived or culled (gallring) under the
        # nämnd's retention rules, never deleted from the portal.
        if self.registered().exists():
            raise ProtectedError(
                _("Registrerade ärenden kan inte tas bort."), set(self.registered())
            )
        return super().delete()


class Initiative(models.Model):
    """An organisation's initiative; once submitted and registered it is the IOP case."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="initiatives",
        verbose_name=_("organisation"),
    )
    forvaltning = models.ForeignKey(
        "accounts.Forvaltning",
        on_delete=models.PROTECT,
        related_name="initiatives",
        null=True,
        blank=True,
        verbose_name=_("förvaltning"),
        help_text=_("Förvaltningen som initiativet riktar sig till."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )

    # What the organisation proposes. Blank is allowed while it is a draft; submitting requires
    # every field (initiatives.services.initiative_submit checks it).
    title = LineField(_("rubrik"), max_length=200)
    challenge = TextBlockField(
        _("samhällsutmaning"),
        blank=True,
        help_text=_("Vilket samhällsproblem vill ni bidra till att lösa?"),
        max_length=TEXT_LONG,
    )
    activity = TextBlockField(
        _("föreslagen verksamhet"),
        blank=True,
        help_text=_("Vad vill ni göra, och hur?"),
        max_length=TEXT_LONG,
    )
    target_group = TextBlockField(_("målgrupp"), blank=True, max_length=TEXT_MEDIUM)
    term_start = models.DateField(
        _("föreslagen start"), null=True, blank=True, validators=[validate_date_range]
    )
    term_end = models.DateField(
        _("föreslaget slut"), null=True, blank=True, validators=[validate_date_range]
    )
    own_contribution = TextBlockField(
        _("organisationens egen insats"),
        blank=True,
        help_text=_("Pengar, lokaler, ideella timmar, kunskap – det ni själva bidrar med."),
        max_length=TEXT_LONG,
    )
    requested_amount_per_year = models.PositiveIntegerField(
        _("begärt belopp per år (kr)"), null=True, blank=True, validators=kronor_validators()
    )
    requested_other_resources = TextBlockField(
        _("andra resurser från kommunen"),
        blank=True,
        help_text=_("Till exempel lokaler, personal eller kunskap."),
        max_length=TEXT_MEDIUM,
    )
    political_programme = TextBlockField(
        _("politiskt program eller plan"),
        blank=True,
        help_text=_("Vilket kommunalt mål, program eller plan relaterar initiativet till?"),
        max_length=TEXT_MEDIUM,
    )

    # The case, once registered.
    diarienummer = models.CharField(_("diarienummer"), max_length=50, null=True, blank=True)
    handlaggare = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="handled_initiatives",
        verbose_name=_("handläggare"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="created_initiatives",
        verbose_name=_("skapad av"),
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("senast ändrad"), auto_now=True)
    submitted_at = models.DateTimeField(_("inkom"), null=True, blank=True)
    received_via = models.CharField(
        _("inkom via"),
        max_length=20,
        choices=ReceivedVia.choices,
        default=ReceivedVia.PORTAL,
        # Rows written by code that predates the column (older migrations' models) stay valid.
        db_default=ReceivedVia.PORTAL,
    )

    objects = InitiativeQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("ärende")
        verbose_name_plural = _("ärenden")
        ordering = ["-submitted_at", "-created_at"]
        permissions = [
            ("record_decision", _("Kan registrera nämndens beslut")),
            ("export_documents", _("Kan exportera beslutsdokument")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["forvaltning", "diarienummer"], name="initiative_unique_diarienummer"
            ),
            models.CheckConstraint(
                condition=Q(status=Status.DRAFT)
                | (
                    Q(diarienummer__isnull=False)
                    & Q(submitted_at__isnull=False)
                    & Q(forvaltning__isnull=False)
                ),
                name="initiative_registered_unless_draft",
            ),
            models.CheckConstraint(
                condition=Q(term_start__isnull=True)
                | Q(term_end__isnull=True)
                | Q(term_end__gte=models.F("term_start")),
                name="initiative_term_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(requested_amount_per_year__lte=MAX_KRONOR),
                name="initiative_requested_amount_bounded",
            ),
        ]
        indexes = [
            models.Index(fields=["forvaltning", "status"]),
            # The staff queue: a förvaltning's cases, newest first (and for superusers, all).
            models.Index(
                fields=["forvaltning", "-submitted_at", "-id"], name="initiative_queue_idx"
            ),
            models.Index(fields=["-submitted_at", "-id"], name="initiative_submitted_idx"),
            models.Index(fields=["handlaggare", "status"], name="initiative_handlaggare_idx"),
            models.Index(fields=["forvaltning", "updated_at"], name="initiative_last_change_idx"),
        ]

    def __str__(self):
        if self.diarienummer:
            return f"{self.diarienummer} {self.title}"
        return self.title

    def get_absolute_url(self):
        return reverse("initiatives:detail", args=[self.pk])

    def delete(self, *args, **kwargs):
        if self.status != Status.DRAFT:
            raise ProtectedError(_("Registrerade ärenden kan inte tas bort."), {self})
        return super().delete(*args, **kwargs)

    @property
    def is_draft(self):
        return self.status == Status.DRAFT


class DiaryCounter(models.Model):
    """The last number used in a förvaltning's diary for one year."""

    forvaltning = models.ForeignKey("accounts.Forvaltning", on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["forvaltning", "year"], name="diarycounter_unique"),
        ]

    def __str__(self):
        return f"{self.forvaltning_id}/{self.year}: {self.last_number}"


class DiaryEntry(RecordModel):
    """A document registered in the diary (offentlighets- och sekretesslagen 5 kap. 1 §)."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.PROTECT, related_name="diary_entries", verbose_name=_("ärende")
    )
    received_at = models.DateTimeField(_("inkom"))
    sender = LineField(_("avsändare"), max_length=300)
    subject = LineField(_("kort om vad handlingen rör"), max_length=300)
    document = LineField(_("handling"), max_length=200)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("registrerad av"),
    )

    class Meta:
        verbose_name = _("diarieanteckning")
        verbose_name_plural = _("diarieanteckningar")
        ordering = ["received_at", "pk"]

    def __str__(self):
        return f"{self.initiative.diarienummer}: {self.document}"


class StatusChange(RecordModel):
    """One step of a case through its lifecycle: who moved it, when, from where to where."""

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.PROTECT,
        related_name="status_changes",
        verbose_name=_("ärende"),
    )
    from_status = models.CharField(_("från"), max_length=20, choices=Status.choices)
    to_status = models.CharField(_("till"), max_length=20, choices=Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("ändrad av"),
    )
    changed_at = models.DateTimeField(_("tidpunkt"), auto_now_add=True)
    note = LineField(_("anteckning"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("statusändring")
        verbose_name_plural = _("statusändringar")
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


def attachment_path(instance, filename):
    # The stored name is random: the user's name is kept in original_name, never on disk, so a
    # crafted name cannot reach another path or collide with another case's file.
    return f"attachments/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    """A file that belongs to a case, stored outside the web root and handed out by permission."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.PROTECT, related_name="attachments", verbose_name=_("ärende")
    )
    file = models.FileField(_("fil"), upload_to=attachment_path, max_length=200)
    original_name = LineField(_("filnamn"), max_length=200)
    content_type = models.CharField(_("filtyp"), max_length=100)
    size = models.PositiveIntegerField(_("storlek (byte)"))
    description = LineField(_("beskrivning"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("uppladdad av"),
    )
    uploaded_at = models.DateTimeField(_("uppladdad"), auto_now_add=True)

    class Meta:
        verbose_name = _("bilaga")
        verbose_name_plural = _("bilagor")
        ordering = ["uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(size__gt=0), name="attachment_not_empty"),
        ]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("initiatives:attachment", args=[self.pk])


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


class CaseAssignment(models.Model):
    """A handläggare made responsible for a case: by whom, when and with what note."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("ärende")
    )
    handlaggare = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("handläggare"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("tilldelad av"),
    )
    assigned_at = models.DateTimeField(_("tidpunkt"), auto_now_add=True)
    note = TextBlockField(_("anteckning"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("tilldelning")
        verbose_name_plural = _("tilldelningar")
        ordering = ["assigned_at", "pk"]

    def __str__(self):
        return f"{self.initiative} → {self.handlaggare}"


class WatchDate(models.Model):
    """A bevakning: a date by which something must be done on the case, and by whom."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.PROTECT, related_name="watch_dates", verbose_name=_("ärende")
    )
    due_date = models.DateField(_("bevakningsdatum"), validators=[validate_date_range])
    what = LineField(_("vad som ska göras"), max_length=300)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ansvarig"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("skapad av"),
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    done_at = models.DateTimeField(_("klar"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("klarmarkerad av"),
    )

    class Meta:
        verbose_name = _("bevakning")
        verbose_name_plural = _("bevakningar")
        ordering = ["due_date", "pk"]
        indexes = [
            models.Index(
                fields=["initiative", "due_date"],
                condition=Q(done_at__isnull=True),
                name="watchdate_open_idx",
            ),
            models.Index(
                fields=["due_date"], condition=Q(done_at__isnull=True), name="watchdate_due_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(done_at__isnull=True) | Q(done_by__isnull=False),
                name="watchdate_done_by_someone",
            ),
        ]

    def __str__(self):
        return f"{self.due_date}: {self.what}"


class DialogueMeeting(models.Model):
    """A dialogue between the förvaltning and the organisation on the challenge and solution."""

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.PROTECT,
        related_name="dialogue_meetings",
        verbose_name=_("ärende"),
    )
    held_on = models.DateField(_("mötesdatum"), validators=[validate_date_range])
    participants = TextBlockField(
        _("deltagare"),
        help_text=_("Namn och roll, från förvaltningen och organisationen."),
        max_length=TEXT_SHORT,
    )
    challenge_agreed = TextBlockField(
        _("överenskommet om samhällsutmaningen"),
        help_text=_("Hur parterna tillsammans beskriver samhällsutmaningen."),
        max_length=TEXT_LONG,
    )
    solution_agreed = TextBlockField(
        _("överenskommet om lösningen"),
        help_text=_("Vilka lösningar parterna ser och vad som ska göras härnäst."),
        max_length=TEXT_LONG,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("antecknat av"),
    )
    recorded_at = models.DateTimeField(_("antecknat"), auto_now_add=True)

    class Meta:
        verbose_name = _("dialogmöte")
        verbose_name_plural = _("dialogmöten")
        ordering = ["held_on", "pk"]

    def __str__(self):
        return f"{self.held_on}: {self.initiative}"


class DraftProgress(models.Model):
    """The wizard step a draft was left at, so it can be resumed on any device."""

    initiative = models.OneToOneField(
        Initiative,
        on_delete=models.CASCADE,
        related_name="draft_progress",
        verbose_name=_("ärende"),
    )
    step = models.CharField(_("steg"), max_length=30)
    updated_at = models.DateTimeField(_("senast ändrad"), auto_now=True)

    class Meta:
        verbose_name = _("utkastets steg")
        verbose_name_plural = _("utkastens steg")

    def __str__(self):
        return f"{self.initiative_id}: {self.step}"


class CaseMessage(RecordModel):
    """A message between the organisation and the förvaltning on a case."""

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.PROTECT,
        related_name="case_messages",
        verbose_name=_("ärende"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("avsändare")
    )
    from_staff = models.BooleanField(_("från förvaltningen"))
    body = TextBlockField(_("meddelande"), max_length=TEXT_LONG)
    attachments = models.ManyToManyField(
        Attachment, blank=True, related_name="+", verbose_name=_("bilagor")
    )
    sent_at = models.DateTimeField(_("skickat"), auto_now_add=True)

    class Meta:
        verbose_name = _("meddelande")
        verbose_name_plural = _("meddelanden")
        ordering = ["sent_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(body=""), name="casemessage_not_empty"),
        ]

    def __str__(self):
        return f"{self.sent_at:%Y-%m-%d %H:%M} {self.author}"
