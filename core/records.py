"""Record rows of a case (written once, never changed); the one way a service saves a change."""

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import ProtectedError
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser


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


def save_fields(
    obj: models.Model,
    *,
    by: "AbstractBaseUser",
    fields: dict,
    by_field: str | None = None,
    exclude: list[str] | None = None,
    validate: bool = True,
    partial: bool = False,
) -> models.Model:
    """Set `fields` on `obj`, record who did it, validate and save it.

    `by` goes into `by_field` when given, and always becomes the user django-simple-history
    records on the version it writes (a model without history ignores it). `validate` runs
    full_clean without `exclude` (it may query: a foreign key is checked to exist), so a
    service that has checked the values itself passes False. `partial` saves only the fields
    set, for a row that exists; otherwise the whole row is saved.
    """
    for name, value in fields.items():
        setattr(obj, name, value)
    if by_field is not None:
        setattr(obj, by_field, by)
    if validate:
        obj.full_clean(exclude=exclude)
    obj._history_user = by
    if partial:
        obj.save(update_fields=[*fields, *([by_field] if by_field else [])])
    else:
        obj.save()
    return obj


def related_or_none(obj: models.Model, name: str):
    """The object on the other side of a one-to-one, or None; Django remembers a missing one on
    `obj`, so asking twice (two parts of one page) costs one query."""
    try:
        return getattr(obj, name)
    except models.ObjectDoesNotExist:
        return None
