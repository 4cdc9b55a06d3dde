"""Rows that are part of a case's record: written once, never changed or deleted afterwards."""

from django.db import models
from django.db.models import ProtectedError
from django.utils.translation import gettext_lazy as _


class RecordQuerySet(models.QuerySet):
    """A bulk update or delete would rewrite the record."""

    def update(self, **kwargs):
        raise ProtectedError(_("En handling i ärendet kan inte ändras."), set(self))

    def delete(self):
        raise ProtectedError(_("En handling i ärendet kan inte tas bort."), set(self))


class RecordModel(models.Model):
    """A document or entry of the case (a message, a report, a diary entry, a status change).

    The model and its queryset refuse; the database refuses too where a migration installs a
    trigger (initiatives 0008 for the diary and the status history), since a raw DELETE or a
    script would pass both.
    """

    objects = RecordQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ProtectedError(_("En handling i ärendet kan inte ändras."), {self})
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ProtectedError(_("En handling i ärendet kan inte tas bort."), {self})
