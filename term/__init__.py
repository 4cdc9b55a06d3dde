"""The term of a partnership: follow-up reports, reminders and the final evaluation."""
