"""Shared helpers below every app of the portal; this package imports none of them."""
