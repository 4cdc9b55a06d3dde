"""Reminder rules per förvaltning, the sweep that sends them, the weekly digest and the ICS feed."""
