"""App configuration for public (no models, so no name shown in the admin)."""

from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "public"
