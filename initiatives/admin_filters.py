"""List filters of the staff case queue; each asks only cheap questions of the database."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .admin_forms import assignable_staff
from .models import DiaryCounter
from .selectors import due_filter


class HandlaggareFilter(admin.SimpleListFilter):
    """Mine, nobody's, or a named colleague's: the staff of the user's förvaltning."""

    title = _("handläggare")
    parameter_name = "handlaggare"

    def lookups(self, request, model_admin):
        # Only the names it shows: not each colleague's förvaltning, password hash and the rest.
        staff = (
            assignable_staff(user=request.user)
            .select_related(None)
            .values_list("pk", "first_name", "last_name", "username")
        )
        return [
            ("mine", _("Mina ärenden")),
            ("none", _("Ingen handläggare")),
            # As User.get_full_name() or the username.
            *((str(pk), f"{first} {last}".strip() or name) for pk, first, last, name in staff),
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
        # The diary counters hold one row per förvaltning and year in use: a far cheaper source
        # of the years than a scan of the cases.
        counters = DiaryCounter.objects.all()
        if not request.user.is_superuser:
            counters = counters.filter(forvaltning_id=request.user.forvaltning_id)
        years = counters.order_by("-year").values_list("year", flat=True).distinct()
        return [(str(y), str(y)) for y in years]

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
