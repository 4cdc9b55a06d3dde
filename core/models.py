"""The mail outbox: every mail is a row written in the transaction that causes it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMail(models.Model):
    """One mail to send: rendered when it is written, sent later by a worker (core.outbox)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Väntar")
        SENT = "sent", _("Skickat")
        FAILED = "failed", _("Misslyckades")

    template = models.CharField(_("mall"), max_length=100, blank=True)
    subject = models.CharField(_("ämne"), max_length=998)
    body = models.TextField(_("text"))
    # A list of addresses; a JSON list rather than an array so that SQLite (make run) has it too.
    recipients = models.JSONField(_("mottagare"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("försök"), default=0)
    last_error = models.TextField(_("senaste fel"), blank=True)
    # When a worker may (next) try it. A worker that claims the row moves it forward by a lease,
    # so a worker that dies mid-send leaves the row to be picked up again when the lease runs out.
    next_attempt_at = models.DateTimeField(_("nästa försök"), default=timezone.now)
    created_at = models.DateTimeField(_("skapat"), auto_now_add=True)
    sent_at = models.DateTimeField(_("skickat"), null=True, blank=True)
    resent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skickat igen av"),
    )

    class Meta:
        verbose_name = _("utgående e-post")
        verbose_name_plural = _("utgående e-post")
        ordering = ["-created_at", "-pk"]
        permissions = [("resend_outboxmail", _("Kan skicka om e-post"))]
        indexes = [
            # The workers' pick-up: what is pending and due, oldest first.
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status="pending"),
                name="outboxmail_pending_due",
            ),
            models.Index(fields=["status", "-created_at"], name="outboxmail_status_created"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="sent", sent_at__isnull=False) | ~Q(status="sent"),
                name="outboxmail_sent_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.subject} → {', '.join(self.recipients)}"
