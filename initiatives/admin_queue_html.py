"""The lean staff queue's parts, written as Django's admin templates write them.

initiatives.admin_queue gathers the page's data (the headers come from Django's own
result_headers); these functions turn it into the markup of Django's change_list.html and the
templates it includes (change_list_results.html, actions.html, filter.html, search_form.html,
pagination.html), one string each, so that the page costs one template of its own. Django's
strings are translated by Django's catalogue: they are held in variables, so that our
makemessages leaves them to Django.
A test holds the result equal to what Django's own changelist renders.
"""

import html
from urllib.parse import quote as url_quote

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.views.main import IS_FACETS_VAR
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import iri_to_uri
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Initiative

DJANGO_SELECT_ROW = "Select this object for an action - {}"
DJANGO_NONE_SELECTED = "0 of %(cnt)s selected"
DJANGO_SELECTED = ("%(total_count)s selected", "All %(total_count)s selected")
DJANGO_SELECT_TOTAL = "Select all %(total_count)s %(module_name)s"
DJANGO_CLEAR_SELECTION = "Clear selection"
DJANGO_RUN = "Run"
DJANGO_FILTER = "Filter"
DJANGO_CLEAR_FILTERS = "Clear all filters"
DJANGO_SHOW_COUNTS = "Show counts"
DJANGO_BY = " By %(filter_title)s "
DJANGO_REMOVE_SORT = "Remove from sorting"
DJANGO_TOGGLE_SORT = "Toggle sorting"
DJANGO_PRIORITY = "Sorting priority: %(priority_number)s"
DJANGO_SEARCH = "Search"
DJANGO_SEARCH_NAME = "Search %(name)s"
DJANGO_RESULTS = ("%(counter)s result", "%(counter)s results")
DJANGO_SHOW_ALL = "Show all"
DJANGO_PAGINATION = "Pagination %(name)s"
DJANGO_HOME = "Home"


def rows(cases, preserved_filters, empty):
    """Each row's cells as Django's items_for_result writes them for the queue's columns, from
    the ROW_VALUES of each case."""
    url = reverse("admin:initiatives_initiative_change", args=[0]).replace("/0/", "/{}/")
    query = f"?{html.escape(preserved_filters)}" if preserved_filters else ""
    today = timezone.localdate()
    late = html.escape(_("försenat"))
    select = _(DJANGO_SELECT_ROW)
    # Translated once for the page, not once a row.
    status = {k: str(v) for k, v in Initiative._meta.get_field("status").flatchoices}
    written = []
    e = html.escape
    for case in cases:
        pk, number, title, due_on = (
            case["pk"],
            case["diarienummer"],
            case["title"],
            case["next_due"],
        )
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
        written.append(
            mark_safe(  # noqa: S308 - every value in it is escaped here or is a number or date
                f'<td class="action-checkbox"><input type="checkbox" name="{ACTION_CHECKBOX_NAME}"'
                f' value="{int(pk)}" class="action-select" aria-label="{label}"></td>'
                f'<th class="field-diarienummer"><a href="{url.format(url_quote(str(pk)))}'
                f'{query}">{e(number) if number else empty}</a></th>'
                f'<td class="field-organisation_column">{e(case["organisation__name"])}</td>'
                f'<td class="field-title">{e(title)}</td>'
                f'<td class="field-status">{e(status.get(case["status"], empty))}</td>'
                f'<td class="field-handlaggare_column">{e(person)}</td>'
                f'<td class="field-days_since_change">{days}</td>'
                f'<td class="field-next_due_column">{due}</td>'
            )
        )
    return written


def table(headers, rows):
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


def actions(action_form, cl, index):
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


def filters(cl):
    """Django's filter sidebar (change_list.html and a filter.html for each filter)."""
    e = html.escape
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
    extra = ""
    if cl.is_facets_optional:
        # The counts are Django's changelist's to show (a COUNT per choice): the link leads there.
        extra += (
            f'<h3><a href="{e(cl.get_query_string({IS_FACETS_VAR: True}))}" class="viewlink">'
            f"{e(_(DJANGO_SHOW_COUNTS))}</a></h3>"
        )
    if cl.has_active_filters:
        extra += (
            f'<h3><a href="{e(cl.clear_all_filters_qs)}">&#10006; {e(_(DJANGO_CLEAR_FILTERS))}'
            "</a></h3>"
        )
    clear = f'<div id="changelist-filter-extra-actions">{extra}</div>' if extra else ""
    return mark_safe(  # noqa: S308 - every value is escaped above
        '<search id="changelist-filter" aria-labelledby="changelist-filter-header">'
        f'<h2 id="changelist-filter-header">{e(_(DJANGO_FILTER))}</h2>{clear}{"".join(parts)}'
        "</search>"
    )


def toolbar(cl, *, search_var):
    """Django's search_form.html for the queue."""
    e = html.escape
    name = cl.opts.verbose_name_plural
    count = ngettext(*DJANGO_RESULTS, cl.result_count) % {"counter": cl.result_count}
    hidden = "".join(
        f'<input type="hidden" name="{e(key)}" value="{e(value)}">'
        for key, value in cl.params.items()
        if key != search_var
    )
    help_text = ""
    described = ""
    if cl.search_help_text:
        described = ' aria-describedby="searchbar_helptext"'
        help_text = (
            '<br class="clear"><div class="help" id="searchbar_helptext">'
            f"{e(str(cl.search_help_text))}</div>"
        )
    return mark_safe(  # noqa: S308 - every value is escaped here
        '<div id="toolbar"><h2 id="changelist-search-form" class="visually-hidden">'
        f"{e(_(DJANGO_SEARCH_NAME) % {'name': name})}</h2>"
        '<form id="changelist-search" method="get" role="search"'
        ' aria-labelledby="changelist-search-form"><div><!-- DIV needed for valid HTML -->'
        f'<label for="searchbar"><img src="{e(static("admin/img/search.svg"))}" alt="Search">'
        f'</label><input type="text" size="40" name="{search_var}" value="{e(cl.query)}"'
        f' id="searchbar"{described}><input type="submit" value="{e(_(DJANGO_SEARCH))}">'
        f'<span class="small quiet">{e(count)} (<a href="?">{e(_(DJANGO_SHOW_ALL))}</a>)</span>'
        f"{hidden}</div>{help_text}</form></div>"
    )


def pagination(cl, *, page_var):
    """Django's pagination.html (the page links and the count) for the queue."""
    e = html.escape
    links = ""
    if cl.multi_page:
        items = []
        for i in cl.paginator.get_elided_page_range(cl.page_num):
            if i == cl.paginator.ELLIPSIS:
                item = f"{e(str(i))} "
            elif i == cl.page_num:
                item = f'<a role="button" href="" aria-current="page">{i}</a> '
            else:
                item = f'<a role="button" href="{e(cl.get_query_string({page_var: i}))}">{i}</a> '
            items.append(f"<li>{item}</li>")
        links = f"<ul>{''.join(items)}</ul>"
    opts = cl.opts
    name = opts.verbose_name if cl.result_count == 1 else opts.verbose_name_plural
    heading = e(_(DJANGO_PAGINATION) % {"name": opts.verbose_name_plural})
    return mark_safe(  # noqa: S308 - every value is escaped here
        '<nav class="paginator" aria-labelledby="pagination">'
        f'<h2 id="pagination" class="visually-hidden">{heading}</h2>{links}'
        f"{cl.result_count} {e(str(name))}</nav>"
    )


def breadcrumbs(opts):
    """Django's change_list.html breadcrumbs: the admin's home, the app, the list."""
    e = html.escape
    return mark_safe(  # noqa: S308 - every value is escaped here
        f'<ol class="breadcrumbs"><li><a href="{e(reverse("admin:index"))}">{e(_(DJANGO_HOME))}'
        f'</a></li><li><a href="{e(reverse("admin:app_list", args=[opts.app_label]))}">'
        f"{e(str(opts.app_config.verbose_name))}</a></li>"
        f'<li aria-current="page">{e(capfirst(str(opts.verbose_name_plural)))}</li></ol>'
    )
