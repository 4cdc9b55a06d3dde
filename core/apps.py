"""App configuration for core, the shared helpers (template tags, admin bases, responses)."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    # No models of its own, so the admin never shows the app's name: none to translate.
    name = "core"
