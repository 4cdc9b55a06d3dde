"""Organisations, their initiatives, and the case each initiative becomes once registered."""
