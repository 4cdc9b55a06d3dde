"""App configuration for demo (no models, so no name shown in the admin)."""

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "demo"
