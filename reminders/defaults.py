"""The rules a förvaltning starts with: today's settings, an overdue report, a watch date."""

from django.conf import settings


def default_rules() -> list[dict]:
    """Field values of the default rules (used by migration 0002 and for a new förvaltning)."""
    return [
        # As the two settings did before rules were data: the contact and the handläggare.
        {
            "date_kind": "report",
            "direction": "before",
            "days": settings.IOP_REMINDER_DAYS_BEFORE_REPORT,
            "to_contact": True,
            "to_handlaggare": True,
        },
        {
            "date_kind": "term_end",
            "direction": "before",
            "days": settings.IOP_REMINDER_DAYS_BEFORE_TERM_END,
            "to_contact": True,
            "to_handlaggare": True,
        },
        # A report a week late: again two weeks later, then the förvaltning is told.
        {
            "date_kind": "report",
            "direction": "after",
            "days": 7,
            "to_contact": True,
            "to_handlaggare": True,
            "repeat_every_days": 14,
            "repeats": 1,
            "escalate": True,
        },
        # A bevakning reminds the handläggare on its day.
        {"date_kind": "watch", "direction": "before", "days": 0, "to_handlaggare": True},
    ]
