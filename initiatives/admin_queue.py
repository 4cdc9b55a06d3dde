"""The staff queue page, lean: its rows, filters, search and pages without Django's ChangeList.

At 100 000 cases Django's changelist cost several times the page's own SQL in fixed work: the
ChangeList resolves every parameter, filter, header and cell through the admin's generic helpers,
and the page renders a dozen nested templates. This page asks the database the same questions
(the admin's queryset, the same list filter classes, initiatives.search, one COUNT and one page
of rows as values) and writes Django's markup for them in one pass (admin_queue_html), so the
admin's JavaScript (actions, filters) and everything that reads the page work as before; tests
hold the page equal to what Django's changelist renders.

It answers a GET whose parameters are all the queue's own. Anything else (an action's POST, a
popup, a raw lookup, Django's error flag, a page beyond the last) goes to Django's changelist.
"""

from django.contrib.admin import FieldListFilter, ShowFacets
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.templatetags.admin_list import result_headers
from django.contrib.admin.views.main import ORDER_VAR, PAGE_VAR, SEARCH_VAR, ChangeList
from django.core.paginator import InvalidPage, Paginator
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from . import admin_queue_html as markup
from . import search
from .models import Initiative

TEMPLATE = "admin/initiatives/initiative/queue.html"
# What a row shows (InitiativeAdmin.list_display) and links to.
ROW_VALUES = (
    "pk",
    "diarienummer",
    "title",
    "status",
    "next_due",
    "last_activity",
    "organisation__name",
    "handlaggare_id",
    "handlaggare__first_name",
    "handlaggare__last_name",
    "handlaggare__username",
)
# The list filters take their own parameters; these are the rest the page answers.
OWN_PARAMS = {SEARCH_VAR, ORDER_VAR}
# Django's own strings (see admin_queue_html).
DJANGO_TITLE = "Select %s to view"
DJANGO_TITLE_CHANGE = "Select %s to change"


class QueueList:
    """What the list filters, the page's parts and the tests read of a ChangeList."""

    add_facets = False  # the filters' choices ask; the queue shows no counts beside them

    def __init__(self, *, admin, params, filter_specs, has_active_filters):
        self.opts = Initiative._meta
        self.model, self.model_admin, self.sortable_by = Initiative, admin, admin.sortable_by
        self.is_facets_optional = admin.show_facets is ShowFacets.ALLOW
        self.list_display = ("action_checkbox", *admin.list_display)
        self.search_help_text = admin.search_help_text
        self.filter_params = params
        self.params = {key: values[-1] for key, values in params.items()}
        self.query = self.params.get(SEARCH_VAR, "").strip()
        self.filter_specs = filter_specs
        self.has_filters = bool(filter_specs)
        self.has_active_filters = has_active_filters
        self.clear_all_filters_qs = self.get_query_string(
            remove=[p for spec in filter_specs for p in spec.expected_parameters()]
        )

    # Django's own, so every link reads as Django writes it (it reads filter_params alone).
    get_query_string = ChangeList.get_query_string

    def get_ordering_field_columns(self):
        # For Django's result_headers: the sorted columns, as queue_page has read them.
        return self.sorted_columns


def queue_page(admin, request):
    """The queue for a GET, or None where Django's changelist must answer (see the top)."""
    params = {key: list(values) for key, values in request.GET.lists() if key != PAGE_VAR}
    try:
        page_num = int(request.GET.get(PAGE_VAR, 1))
        filter_specs, active, unused = _filters(admin, request, dict(params))
    except (ValueError, IncorrectLookupParameters):
        return None
    if any(key not in OWN_PARAMS for key in unused):
        return None
    cl = QueueList(
        admin=admin,
        params=params,
        filter_specs=filter_specs,
        has_active_filters=active,
    )
    queryset = admin.get_queryset(request)
    try:
        for spec in filter_specs:
            queryset = spec.queryset(request, queryset)
    except IncorrectLookupParameters:
        return None
    queryset, _may_repeat = search.case_search(queryset, cl.query)
    ordering, cl.sorted_columns = _ordering(admin, cl.list_display, cl.params.get(ORDER_VAR))
    queryset = queryset.order_by(*ordering)
    paginator = Paginator(queryset, admin.list_per_page)
    try:
        page = paginator.page(page_num)
    except InvalidPage:
        return None
    cl.paginator = paginator
    cl.page_num = page_num
    cl.result_count = paginator.count
    cl.multi_page = cl.result_count > admin.list_per_page
    # The page's rows as plain values: only the columns shown, and no model instances to build.
    cl.result_list = list(page.object_list.select_related(None).values(*ROW_VALUES))
    preserved = admin.get_preserved_filters(request)
    headers = list(result_headers(cl))
    rows = markup.rows(cl.result_list, preserved, admin.get_empty_value_display())
    action_form = admin.action_form(auto_id=None)
    action_form.fields["action"].choices = admin.get_action_choices(request)
    opts = cl.opts
    title = DJANGO_TITLE_CHANGE if admin.has_change_permission(request) else DJANGO_TITLE
    context = {
        **admin.admin_site.each_context(request),
        "is_nav_sidebar_enabled": False,
        "title": _(title) % opts.verbose_name,
        "subtitle": None,
        "cl": cl,
        "opts": opts,
        "preserved_filters": preserved,
        "media": admin.media + action_form.media,
        "queue_breadcrumbs": markup.breadcrumbs(opts),
        "queue_filters": markup.filters(cl) if cl.has_filters else "",
        "queue_toolbar": markup.toolbar(cl, search_var=SEARCH_VAR),
        "queue_actions_top": (markup.actions(action_form, cl, 0) if admin.actions_on_top else ""),
        "queue_headers": headers,
        "queue_rows": rows,
        "queue_table": markup.table(headers, rows),
        "queue_actions_bottom": (
            markup.actions(action_form, cl, int(admin.actions_on_top))
            if admin.actions_on_bottom
            else ""
        ),
        "queue_pagination": markup.pagination(cl, page_var=PAGE_VAR),
    }
    request.current_app = admin.admin_site.name
    return TemplateResponse(request, TEMPLATE, context)


def _filters(admin, request, params):
    """The sidebar's filters built from the admin's list_filter, as Django's get_filters does
    for the kinds the queue uses, the active ones, and the parameters none of them took."""
    specs, active = [], False
    for item in admin.get_list_filter(request):
        before = len(params)
        if isinstance(item, str):
            field = Initiative._meta.get_field(item)
            spec = FieldListFilter.create(field, request, params, Initiative, admin, item)
        else:
            spec = item(request, params, Initiative, admin)
        if spec.has_output():
            specs.append(spec)
            active |= len(params) < before
    return specs, active, params


def _order_field(admin, name):
    """What column `name` sorts by: the model field itself, or its display's ordering."""
    if name == "action_checkbox":
        return None
    display = getattr(admin, name, None)
    return getattr(display, "admin_order_field", None) if display else name


def _ordering(admin, columns, order_param):
    """The ORDER BY for Django's `o` parameter (list_display positions, checkbox first), and the
    sorted columns as Django's get_ordering_field_columns reads them."""
    ordering, sorted_columns = [], {}
    if order_param is None:
        # Django marks a default ordering's column as sorted where a column sorts by it.
        ordering = list(admin.ordering)
        for field in ordering:
            for index, name in enumerate(columns):
                if _order_field(admin, name) == field.lstrip("-"):
                    sorted_columns[index] = "desc" if field.startswith("-") else "asc"
                    break
        return ordering, sorted_columns
    for part in order_param.split("."):
        _none, prefix, index = part.rpartition("-")
        try:
            index = int(index)
            field = _order_field(admin, columns[index])
        except (IndexError, ValueError):
            continue
        sorted_columns.setdefault(index, "desc" if prefix == "-" else "asc")
        if field:
            ordering.append(f"-{field}" if prefix == "-" else field)
    if not any(f.lstrip("-") in {"pk", "id"} for f in ordering):
        ordering.append("-pk")
    return ordering, sorted_columns
