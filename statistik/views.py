"""The statistics pages of the staff admin: the page with charts and tables, and its CSV."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.swedish_csv import swedish_csv_response

from . import permissions, selectors
from .charts import bar_chart, display_figure


def admin_urls(site) -> list:
    """The statistics URLs, as the portal's admin site adds them (iop_portal.admin_site)."""

    @require_GET
    def statistics_page(request):
        """The page, in the admin's own frame (menu, breadcrumbs) of `site`."""
        tables = _tables(request)
        context = {
            **site.each_context(request),
            "title": _("Statistik"),
            "tables": [_shown(table) for table in tables],
            "today": timezone.localdate(),
        }
        return TemplateResponse(request, "admin/statistik/index.html", context)

    return [
        path("statistik/", site.admin_view(statistics_page), name="statistik"),
        path("statistik.csv", site.admin_view(statistics_csv), name="statistik_csv"),
    ]


def _tables(request):
    if not permissions.can_view_statistics(request.user):
        raise PermissionDenied
    return selectors.statistics_tables(user=request.user, today=timezone.localdate())


def _shown(table: selectors.Table) -> dict:
    """A table as the page shows it: figures in Swedish, and its chart if it has one."""
    chart = None
    if table.chart is not None and table.rows:
        chart = bar_chart(
            chart_id=f"diagram-{table.key}",
            title=str(table.title),
            labels=[str(row[0]) for row in table.rows],
            values=[row[table.chart] for row in table.rows],
        )
    return {
        "key": table.key,
        "title": table.title,
        "note": table.note,
        "columns": table.columns,
        "rows": [[str(row[0]), *(display_figure(v) for v in row[1:])] for row in table.rows],
        "chart": chart,
    }


@require_GET
def statistics_csv(request):
    """The same tables as the page, one after the other, for Swedish Excel."""
    tables = _tables(request)
    response, writer = swedish_csv_response(
        filename=f"iop-statistik-{timezone.localdate():%Y-%m-%d}.csv"
    )
    for table in tables:
        writer.writerow([table.title])
        writer.writerow(table.columns)
        writer.writerows(table.rows)
        writer.writerow([])
    return response
