"""App configuration for casework, kept so that its migrations still run and can be reversed."""

from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "casework"
