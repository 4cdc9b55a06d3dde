"""The staff queue page, lean: its rows, filters, search and pages without Django's ChangeList.

At 100 000 cases Django's changelist cost several times the page's own SQL in fixed work: the
ChangeList resolves every parameter, filter, header and cell through the admin's generic
helpers on every request. This page asks the database the same questions (the admin's
queryset, the same list filters, initiatives.search, one COUNT and one page of rows) and hands
Django's own change_list template a small stand-in for the ChangeList, with the header and the
rows already written. The markup is Django's, so the admin's JavaScript (actions, filters) and
everything that reads the page work as before; a test holds the rows and headers equal to what
Django's changelist writes.

It answers a GET whose parameters are all the queue's own. Anything else (an action's POST, a
popup, a raw lookup, Django's error flag, a page beyond the last) goes to Django's changelist.
"""

import html
from urllib.parse import quote as url_quote

from django.contrib.admin import FieldListFilter
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import label_for_field
from django.contrib.admin.views.main import ORDER_VAR, PAGE_VAR, SEARCH_VAR
from django.core.paginator import InvalidPage, Paginator
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import iri_to_uri
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import search
from .models import Initiative

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

# Django's own strings, translated by Django's catalogue (held in variables, so that our
# makemessages leaves them to Django).
DJANGO_SELECT_ALL = "Select all objects on this page for an action"
DJANGO_SELECT_ROW = "Select this object for an action - {}"
DJANGO_TITLE = "Select %s to view"
DJANGO_TITLE_CHANGE = "Select %s to change"
DJANGO_NONE_SELECTED = "0 of %(cnt)s selected"
DJANGO_SELECTED = ("%(total_count)s selected", "All %(total_count)s selected")
DJANGO_SELECT_TOTAL = "Select all %(total_count)s %(module_name)s"
DJANGO_CLEAR_SELECTION = "Clear selection"
DJANGO_RUN = "Run"
DJANGO_FILTER = "Filter"
DJANGO_CLEAR_FILTERS = "Clear all filters"
DJANGO_BY = " By %(filter_title)s "
DJANGO_REMOVE_SORT = "Remove from sorting"
DJANGO_TOGGLE_SORT = "Toggle sorting"
DJANGO_PRIORITY = "Sorting priority: %(priority_number)s"


class QueueList:
    """What Django's change_list template and its tags read of a ChangeList, for the queue."""

    formset = None
    date_hierarchy = None
    is_popup = False
    to_field = None
    add_facets = False
    is_facets_optional = False
    show_full_result_count = False
    full_result_count = None
    show_all = False
    can_show_all = False
    show_admin_actions = True
    list_editable = ()

    def __init__(self, *, admin, params, filter_specs, has_active_filters):
        self.model_admin = admin
        self.model = Initiative
        self.opts = self.lookup_opts = Initiative._meta
        self.list_display = ("action_checkbox", *admin.list_display)
        self.search_fields = admin.search_fields
        self.search_help_text = admin.search_help_text
        self.filter_params = params
        self.params = {key: values[-1] for key, values in params.items()}
        self.query = " ".join(self.params.get(SEARCH_VAR, "").split())
        self.filter_specs = filter_specs
        self.has_filters = bool(filter_specs)
        self.has_active_filters = has_active_filters
        self.clear_all_filters_qs = self.get_query_string(
            remove=[p for spec in filter_specs for p in spec.expected_parameters()]
        )

    def get_query_string(self, new_params=None, remove=None):
        # Django's ChangeList.get_query_string, so every link reads as Django would write it.
        params = dict(self.filter_params)
        for prefix in remove or ():
            for key in list(params):
                if key.startswith(prefix):
                    del params[key]
        for key, value in (new_params or {}).items():
            if value is None:
                params.pop(key, None)
            else:
                params[key] = value
        return "?%s" % urlencode(sorted(params.items()), doseq=True)


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
    ordering, sorted_columns = _ordering(admin, cl.list_display, cl.params.get(ORDER_VAR))
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
    headers = _headers(admin, cl, sorted_columns)
    rows = _rows(cl.result_list, preserved, admin.get_empty_value_display())
    action_form = admin.action_form(auto_id=None)
    action_form.fields["action"].choices = admin.get_action_choices(request)
    context = {
        **admin.admin_site.each_context(request),
        "is_nav_sidebar_enabled": False,
        "module_name": str(cl.opts.verbose_name_plural),
        "selection_note": _(DJANGO_NONE_SELECTED) % {"cnt": len(cl.result_list)},
        "selection_note_all": ngettext(*DJANGO_SELECTED, cl.result_count)
        % {"total_count": cl.result_count},
        "title": _(DJANGO_TITLE_CHANGE if admin.has_change_permission(request) else DJANGO_TITLE)
        % cl.opts.verbose_name,
        "subtitle": None,
        "is_popup": False,
        "to_field": None,
        "cl": cl,
        "media": admin.media + action_form.media,
        "has_add_permission": False,
        "opts": cl.opts,
        "action_form": action_form,
        "actions_on_top": admin.actions_on_top,
        "actions_on_bottom": admin.actions_on_bottom,
        "actions_selection_counter": admin.actions_selection_counter,
        "preserved_filters": preserved,
        "queue_headers": headers,
        "queue_rows": rows,
        "queue_table": _table(headers, rows),
        "queue_actions_top": _actions(action_form, cl, 0) if admin.actions_on_top else "",
        "queue_actions_bottom": (
            _actions(action_form, cl, int(admin.actions_on_top)) if admin.actions_on_bottom else ""
        ),
        "queue_filters": _filter_html(cl),
        "queue_filter_heading": _(DJANGO_FILTER),
        "queue_clear_filters": _(DJANGO_CLEAR_FILTERS),
    }
    request.current_app = admin.admin_site.name
    return TemplateResponse(request, admin.change_list_template, context)


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


def _headers(admin, cl, sorted_columns):
    """The column headers as Django's result_headers yields them."""
    headers = []
    column_labels = _labels(admin)
    for i, name in enumerate(cl.list_display):
        if name == "action_checkbox":
            label = html.escape(_(DJANGO_SELECT_ALL))
            headers.append(
                {
                    "text": mark_safe(  # noqa: S308 - the label is escaped above
                        f'<input type="checkbox" id="action-toggle" aria-label="{label}">'
                    ),
                    "class_attrib": mark_safe(' class="action-checkbox-column"'),
                    "sortable": False,
                }
            )
            continue
        order_type = sorted_columns.get(i, "")
        new_order = {"asc": "desc", "desc": "asc"}.get(order_type, "asc")
        classes = ["sortable", f"column-{name}"]
        if order_type:
            classes.append(f"sorted {order_type}ending")

        def param(kind, index):
            return ("-" if kind == "desc" else "") + str(index)

        primary, remove, toggle = [], [], []
        for j, kind in sorted_columns.items():
            if j == i:
                primary.insert(0, param(new_order, j))
                toggle.append(param(new_order, j))
            else:
                primary.append(param(kind, j))
                toggle.append(param(kind, j))
                remove.append(param(kind, j))
        if i not in sorted_columns:
            primary.insert(0, param(new_order, i))
        headers.append(
            {
                "text": column_labels[name],
                "sortable": True,
                "sorted": bool(order_type),
                "ascending": order_type == "asc",
                "sort_priority": list(sorted_columns).index(i) + 1 if order_type else 0,
                "url_primary": cl.get_query_string({ORDER_VAR: ".".join(primary)}),
                "url_remove": cl.get_query_string({ORDER_VAR: ".".join(remove)}),
                "url_toggle": cl.get_query_string({ORDER_VAR: ".".join(toggle)}),
                "class_attrib": mark_safe(f' class="{" ".join(classes)}"'),  # noqa: S308
            }
        )
    return headers


def _rows(cases, preserved_filters, empty):
    """Each row's cells as Django's items_for_result writes them for the queue's columns, from
    the ROW_VALUES of each case."""
    url = reverse("admin:initiatives_initiative_change", args=[0]).replace("/0/", "/{}/")
    query = f"?{html.escape(preserved_filters)}" if preserved_filters else ""
    today = timezone.localdate()
    late = html.escape(_("försenat"))
    select = _(DJANGO_SELECT_ROW)
    status = dict(Initiative._meta.get_field("status").flatchoices)
    rows = []
    e = html.escape
    for case in cases:
        pk, number, title, due_on = case["pk"], case["diarienummer"], case["title"], case["next_due"]
        if case["handlaggare_id"] is None:
            person = "–"
        else:  # as InitiativeAdmin.handlaggare_column: User.get_full_name() or the username
            full = f"{case['handlaggare__first_name']} {case['handlaggare__last_name']}".strip()
            person = full or case["handlaggare__username"]
        days = (today - timezone.localdate(case["last_activity"])).days
        if due_on is None:
            due = "–"
        elif due_on < today:
            due = f'<strong class="overdue">{due_on.isoformat()} ({late})</strong>'
        else:
            due = due_on.isoformat()
        label = select.format(e(Initiative.label(number, title)))
        rows.append(
            mark_safe(  # noqa: S308 - every value in it is escaped here or is a number or date
                f'<td class="action-checkbox"><input type="checkbox" name="{ACTION_CHECKBOX_NAME}"'
                f' value="{int(pk)}" class="action-select" aria-label="{label}"></td>'
                f'<th class="field-diarienummer"><a href="{url.format(url_quote(str(pk)))}'
                f'{query}">{e(number) if number else empty}</a></th>'
                f'<td class="field-organisation_column">{e(case["organisation__name"])}</td>'
                f'<td class="field-title">{e(title)}</td>'
                f'<td class="field-status">{e(str(status.get(case["status"], empty)))}</td>'
                f'<td class="field-handlaggare_column">{e(person)}</td>'
                f'<td class="field-days_since_change">{days}</td>'
                f'<td class="field-next_due_column">{due}</td>'
            )
        )
    return rows


def _labels(admin):
    """The columns' header texts, as Django's label_for_field gives them."""
    return {
        name: label_for_field(name, Initiative, model_admin=admin) for name in admin.list_display
    }


def _table(headers, rows):
    """Django's change_list_results.html for these headers and rows, as one string."""
    if not rows:
        return ""
    e = html.escape
    remove, toggle = html.escape(_(DJANGO_REMOVE_SORT)), html.escape(_(DJANGO_TOGGLE_SORT))
    several = sum(1 for h in headers if h.get("sorted")) > 1
    cells = []
    for h in headers:
        sort = ""
        if h["sortable"] and h["sort_priority"] > 0:
            priority = ""
            if several:
                title = html.escape(_(DJANGO_PRIORITY) % {"priority_number": h["sort_priority"]})
                priority = f'<span class="sortpriority" title="{title}">{h["sort_priority"]}</span>'
            direction = "ascending" if h["ascending"] else "descending"
            sort = (
                f'<div class="sortoptions"><a class="sortremove" href="{e(h["url_remove"])}"'
                f' title="{remove}"></a>{priority}<a href="{e(h["url_toggle"])}"'
                f' class="toggle {direction}" title="{toggle}"></a></div>'
            )
        text = capfirst(h["text"]) if h["sortable"] else h["text"]
        if h["sortable"]:
            text = f'<a role="button" href="{e(h["url_primary"])}">{e(str(text))}</a>'
        else:
            text = f"<span>{text}</span>"
        cells.append(
            f'<th scope="col"{h["class_attrib"]}>{sort}<div class="text">{text}</div>'
            '<div class="clear"></div></th>'
        )
    body = "".join(f"<tr>{row}</tr>" for row in rows)
    return mark_safe(  # noqa: S308 - built of escaped values and of rows escaped by _rows
        f'<div class="results"><table id="result_list"><thead><tr>{"".join(cells)}</tr>'
        f"</thead><tbody>{body}</tbody></table></div>"
    )


# The action form is the same for every page in a language: rendered by Django once.
_action_fields: dict[tuple, str] = {}


def _actions(action_form, cl, index):
    """Django's actions.html for the queue's action form and this page's counts."""
    key = (translation.get_language(), tuple(action_form.fields["action"].choices))
    if key not in _action_fields:
        _action_fields[key] = "".join(
            f"<label>{field.label} {field}</label>" if field.label else str(field)
            for field in action_form
        )
    shown, total = len(cl.result_list), cl.result_count
    note = html.escape(_(DJANGO_NONE_SELECTED) % {"cnt": shown})
    counter = (
        f'<span class="action-counter" data-actions-icnt="{shown}" aria-live="polite"'
        f' aria-atomic="true">{note}</span>'
    )
    if total != shown:
        every = html.escape(ngettext(*DJANGO_SELECTED, total) % {"total_count": total})
        names = {"total_count": total, "module_name": cl.opts.verbose_name_plural}
        select_all = html.escape(_(DJANGO_SELECT_TOTAL) % names)
        counter += (
            f'<span class="all hidden">{every}</span><span class="question hidden">'
            f'<a role="button" href="#">{select_all}</a></span><span class="clear hidden">'
            f'<a role="button" href="#">{html.escape(_(DJANGO_CLEAR_SELECTION))}</a></span>'
        )
    run = html.escape(_(DJANGO_RUN))
    return mark_safe(  # noqa: S308 - the form is Django's rendering; the rest is escaped here
        f'<div class="actions">{_action_fields[key]}<button type="submit" class="button"'
        f' name="index" value="{index}">{run}</button>{counter}</div>'
    )


def _filter_html(cl):
    """Django's filter.html for each of the sidebar's filters, as one string."""
    parts = []
    for spec in cl.filter_specs:
        title = html.escape(str(spec.title))
        by = html.escape(_(DJANGO_BY) % {"filter_title": spec.title})
        choices = "".join(
            f"<li{' class="selected"' if choice['selected'] else ''}>"
            f'<a href="{html.escape(iri_to_uri(choice["query_string"]))}">'
            f"{html.escape(str(choice['display']))}</a></li>"
            for choice in spec.choices(cl)
        )
        parts.append(
            f'<details data-filter-title="{title}" open><summary>{by}</summary>'
            f"<ul>{choices}</ul></details>"
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value is escaped above
