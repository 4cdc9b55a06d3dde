"""Initiatives (the case), the diary that registers them, and the case's own records."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import ProtectedError, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.fields import (
    MAX_KRONOR,
    TEXT_LONG,
    TEXT_MEDIUM,
    TEXT_SHORT,
    LineField,
    TextBlockField,
    kronor_validators,
    validate_date_range,
)
from core.records import RecordModel
from organisations.models import Organisation


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
    # The queue's "next date", kept by initiatives.next_due so that the queue reads one table.
    next_due = models.DateField(_("nästa datum"), null=True, blank=True, editable=False)

    objects = InitiativeQuerySet.as_manager()
    # next_due is derived from other rows: its changes are not the case's history.
    history = HistoricalRecords(excluded_fields=["updated_at", "next_due"])

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
            # The queue sorted or filtered by next date, for a förvaltning or a handläggare.
            models.Index(fields=["forvaltning", "next_due"], name="initiative_next_due_idx"),
            models.Index(fields=["handlaggare", "next_due"], name="initiative_my_next_due_idx"),
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
