"""Reminder rules per förvaltning and the reminders they sent (each one once)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ReminderRule(models.Model):
    """Remind someone some days before or after a date of a case; repeat and escalate what is
    overdue."""

    class DateKind(models.TextChoices):
        REPORT = "report", _("Rapportdatum")
        TERM_END = "term_end", _("Avtalstidens slut")
        WATCH = "watch", _("Bevakningsdatum")

    class Direction(models.TextChoices):
        BEFORE = "before", _("före datumet")
        AFTER = "after", _("efter datumet")

    forvaltning = models.ForeignKey(
        "accounts.Forvaltning",
        on_delete=models.CASCADE,
        related_name="reminder_rules",
        verbose_name=_("förvaltning"),
    )
    date_kind = models.CharField(_("datum"), max_length=20, choices=DateKind.choices)
    days = models.PositiveSmallIntegerField(_("antal dagar"))
    direction = models.CharField(
        _("före eller efter"), max_length=10, choices=Direction.choices, default=Direction.BEFORE
    )
    to_contact = models.BooleanField(
        _("organisationens kontaktperson"),
        default=False,
        help_text=_("Gäller inte bevakningsdatum, som är förvaltningens egna."),
    )
    to_handlaggare = models.BooleanField(_("handläggaren"), default=True)
    to_sakkunnig = models.BooleanField(_("förvaltningens sakkunniga kontaktperson"), default=False)
    repeat_every_days = models.PositiveSmallIntegerField(
        _("upprepa var n:e dag"),
        null=True,
        blank=True,
        help_text=_("För det som är försenat: påminn igen efter så många dagar."),
    )
    repeats = models.PositiveSmallIntegerField(_("antal upprepningar"), default=0)
    escalate = models.BooleanField(
        _("meddela förvaltningen därefter"),
        default=False,
        help_text=_(
            "Efter sista upprepningen får förvaltningens kontaktadress veta att datumet har "
            "passerat utan att något hänt."
        ),
    )
    active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("påminnelseregel")
        verbose_name_plural = _("påminnelseregler")
        ordering = ["forvaltning", "date_kind", "direction", "days"]
        constraints = [
            models.CheckConstraint(
                condition=Q(to_contact=True) | Q(to_handlaggare=True) | Q(to_sakkunnig=True),
                name="reminderrule_has_recipient",
                violation_error_message=_("Välj minst en mottagare."),
            ),
            models.CheckConstraint(
                condition=~Q(date_kind="watch", to_contact=True),
                name="reminderrule_watch_internal",
                violation_error_message=_("Bevakningsdatum påminner bara förvaltningens personal."),
            ),
            # Repeating and escalating are for what is overdue: after the date, every n days.
            models.CheckConstraint(
                condition=(Q(repeats=0) & Q(escalate=False))
                | (
                    Q(direction="after")
                    & Q(repeat_every_days__isnull=False)
                    & Q(repeat_every_days__gte=1)
                ),
                name="reminderrule_repeat_after",
                violation_error_message=_(
                    "Upprepning och eskalering gäller regler efter datumet, med ett antal dagar "
                    "mellan påminnelserna."
                ),
            ),
            models.UniqueConstraint(
                fields=["forvaltning", "date_kind", "direction", "days"],
                name="reminderrule_unique",
                violation_error_message=_("Förvaltningen har redan en sådan regel."),
            ),
        ]

    def __str__(self):
        when = f"{self.days} {self.get_direction_display()}"
        return f"{self.forvaltning}: {self.get_date_kind_display()}, {when}"

    @property
    def offset_days(self) -> int:
        """Days from the date to the first reminder (negative before it)."""
        return -self.days if self.direction == self.Direction.BEFORE else self.days

    @property
    def escalation_round(self) -> int | None:
        """The round that goes to the förvaltning, after the repeats."""
        return self.repeats + 1 if self.escalate else None


class SentReminder(models.Model):
    """One reminder of one rule, for one date, round and recipient; the unique constraint makes
    each one go out once."""

    rule = models.ForeignKey(
        ReminderRule, on_delete=models.PROTECT, related_name="sent", verbose_name=_("regel")
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ärende"),
    )
    # The report date, agreement or watch date the rule's kind of date points at.
    target_id = models.PositiveBigIntegerField(_("datumets id"))
    due_date = models.DateField(_("datum som påminnelsen gäller"))
    round = models.PositiveSmallIntegerField(_("omgång"), default=0)
    recipient = models.EmailField(_("mottagare"))
    sent_at = models.DateTimeField(_("skickad"), auto_now_add=True)

    class Meta:
        verbose_name = _("skickad påminnelse")
        verbose_name_plural = _("skickade påminnelser")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "target_id", "due_date", "round", "recipient"],
                name="reminders_sent_once",
            ),
        ]

    def __str__(self):
        return f"{self.rule} {self.due_date} #{self.round} → {self.recipient}"


class DigestSent(models.Model):
    """The weekly digest that went to a handläggare; once per ISO week."""

    user = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="+", verbose_name=_("handläggare")
    )
    week = models.DateField(_("veckans måndag"))
    sent_at = models.DateTimeField(_("skickad"), auto_now_add=True)

    class Meta:
        verbose_name = _("skickad veckoöversikt")
        verbose_name_plural = _("skickade veckoöversikter")
        constraints = [
            models.UniqueConstraint(fields=["user", "week"], name="reminders_digest_once"),
        ]

    def __str__(self):
        return f"{self.user} {self.week}"


class CalendarToken(models.Model):
    """A handläggare's private calendar link; a new token makes the old link stop working."""

    user = models.OneToOneField(
        "accounts.User", on_delete=models.CASCADE, related_name="+", verbose_name=_("handläggare")
    )
    token = models.CharField(_("nyckel"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("skapad"), auto_now=True)

    class Meta:
        verbose_name = _("kalenderlänk")
        verbose_name_plural = _("kalenderlänkar")

    def __str__(self):
        return str(self.user)
