"""The case: an initiative, its status and the queryset the queue reads."""

from django.conf import settings
from django.db import models
from django.db.models import ProtectedError, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.fields import (
    MAX_KRONOR,
    TEXT_LONG,
    TEXT_MEDIUM,
    LineField,
    TextBlockField,
    kronor_validators,
    validate_date_range,
)
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
    # The agreement was ended before its term (uppsägning); term.Termination records why.
    TERMINATED = "terminated", _("Uppsagt i förtid")


# A case in one of these is still being worked on; the others are drafts or closed.
OPEN_STATUSES = (
    Status.SUBMITTED,
    Status.ASSESSMENT,
    Status.AGREEMENT,
    Status.DECISION,
    Status.ACTIVE,
)
# A case in one of these has ended; it keeps its records but takes no new work.
ENDED_STATUSES = (Status.CLOSED, Status.DECLINED, Status.TERMINATED)


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

    # The partnership this case continues (a renewal after its evaluation); see
    # term.renewal_services.
    renews = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="renewed_by",
        verbose_name=_("förnyar ärende"),
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
            # A partnership is renewed once; a second renewal would be a second next term.
            models.UniqueConstraint(
                fields=["renews"],
                condition=Q(renews__isnull=False),
                name="initiative_renewed_once",
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
        return self.label(self.diarienummer, self.title)

    def get_absolute_url(self):
        return reverse("initiatives:detail", args=[self.pk])

    def delete(self, *args, **kwargs):
        if self.status != Status.DRAFT:
            raise ProtectedError(_("Registrerade ärenden kan inte tas bort."), {self})
        return super().delete(*args, **kwargs)

    @staticmethod
    def label(diarienummer: str, title: str) -> str:
        """A case's name, as str() gives it: for lists that read the two columns alone."""
        return f"{diarienummer} {title}" if diarienummer else title

    @property
    def is_draft(self):
        return self.status == Status.DRAFT
