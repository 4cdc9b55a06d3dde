"""List filters of the staff case queue; each asks only cheap questions of the database."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .admin_forms import assignable_staff
from .models import DiaryCounter
from .selectors import due_filter

# The choices of the handläggare and year filters change seldom (a colleague joins or leaves, a
# year's first case is registered) and are asked on every queue page, so each förvaltning's are
# kept in the cache, which every web worker shares (settings.CACHES). Saving a user or a diary
# counter drops them at once (the cache's version goes up). CHOICES_SECONDS bounds how long a
# change the signals do not see (a bulk update) waits, and how long a cache that was down for
# a while keeps the choices from before.
CHOICES_SECONDS = 300
VERSION_KEY = "queue-filter-choices:version"


def _cached_choices(kind: str, request, compute):
    user = request.user
    scope = "all" if user.is_superuser else user.forvaltning_id
    # Read once a page, for both filters.
    version = request.__dict__.get(VERSION_KEY)
    if version is None:
        version = request.__dict__[VERSION_KEY] = cache.get_or_set(VERSION_KEY, 1, timeout=None)
    return cache.get_or_set(
        f"queue-filter-choices:{version}:{kind}:{scope}", compute, timeout=CHOICES_SECONDS
    )


@receiver(post_save, sender=DiaryCounter, dispatch_uid="queue-choices-counter-saved")
def _year_opened(instance, **kwargs):
    # A counter is saved with each number it gives; only a year's first adds a year.
    if instance.last_number <= 1:
        _choices_changed()


@receiver(post_save, sender=get_user_model(), dispatch_uid="queue-choices-user-saved")
@receiver(post_delete, sender=get_user_model(), dispatch_uid="queue-choices-user-deleted")
def _choices_changed(update_fields=None, **kwargs):
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # a login, which every user's saves: no colleague joined or left
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not in the cache (yet, or any more): every key is new either way
        cache.set(VERSION_KEY, 2, timeout=None)


class HandlaggareFilter(admin.SimpleListFilter):
    """Mine, nobody's, or a named colleague's: the staff of the user's förvaltning."""

    title = _("handläggare")
    parameter_name = "handlaggare"

    def lookups(self, request, model_admin):
        return [
            ("mine", _("Mina ärenden")),
            ("none", _("Ingen handläggare")),
            *_cached_choices("staff", request, lambda: _staff(request.user)),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "mine":
            return queryset.filter(handlaggare_id=request.user.pk)
        if value == "none":
            return queryset.filter(handlaggare__isnull=True)
        if value and value.isdigit():
            return queryset.filter(handlaggare_id=int(value))
        return queryset


class YearFilter(admin.SimpleListFilter):
    """The year the case came in, which is the year in its diarienummer."""

    title = _("år")
    parameter_name = "ar"

    def lookups(self, request, model_admin):
        return _cached_choices("years", request, lambda: _years(request.user))

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(submitted_at__year=int(value))
        return queryset


class DueFilter(admin.SimpleListFilter):
    """By the case's next open date (bevakning, report date, end of term)."""

    title = _("nästa datum")
    parameter_name = "datum"

    def lookups(self, request, model_admin):
        return [
            ("overdue", _("Försenat")),
            ("week", _("Denna vecka")),
            ("month", _("Denna månad")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value in {"overdue", "week", "month"}:
            return queryset.filter(due_filter(value, timezone.localdate()))
        return queryset


def _staff(user) -> list[tuple[str, str]]:
    # Only the names it shows: not each colleague's förvaltning, password hash and the rest.
    staff = (
        assignable_staff(user=user)
        .select_related(None)
        .values_list("pk", "first_name", "last_name", "username")
    )
    # Each as User.get_full_name() or the username.
    return [(str(pk), f"{first} {last}".strip() or name) for pk, first, last, name in staff]


def _years(user) -> list[tuple[str, str]]:
    # The diary counters hold one row per förvaltning and year in use: a far cheaper source of
    # the years than a scan of the cases.
    counters = DiaryCounter.objects.all()
    if not user.is_superuser:
        counters = counters.filter(forvaltning_id=user.forvaltning_id)
    years = counters.order_by("-year").values_list("year", flat=True).distinct()
    return [(str(y), str(y)) for y in years]
