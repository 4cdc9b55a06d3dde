"""Admin bases that keep a ModelAdmin's scope on every page of an object, history included.

A ModelAdmin's `get_queryset(request)` is its scope: what this user may see. Django's own object
pages redirect to the admin index for an object outside it, and django-simple-history's
per-version page (`<pk>/history/<history_id>/`) ignores it altogether, looks the version up
itself and saves its form on POST (a "revert"). Every admin of the portal builds on these two
classes instead, so that all pages of one object answer the same way: 404 outside the scope.
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.http import Http404, HttpResponseNotAllowed
from simple_history.admin import SimpleHistoryAdmin

from .templatetags.iop_format import format_kronor

VERSION_PAGE_SUFFIX = "_simple_history"  # the URL name simple-history gives the version page
FETCHED = "_scoped_admin_object"  # on the request, during change_view: (model, id, object)


class ScopedAdminMixin:
    """404 for an object outside `get_queryset(request)` on its change, history and delete
    pages, where the admin would redirect to its index (which tells that the object exists)."""

    # The admin's "view on site" shortcut (`/admin/r/<ct>/<pk>/`) is switched off with the
    # site's URL (iop_portal.admin_site); no admin may link to it.
    view_on_site = False

    def get_inline_instances(self, request, obj=None):
        inlines = super().get_inline_instances(request, obj)
        for inline in inlines:
            # An inline row links to the shortcut too, for a model with get_absolute_url.
            inline.view_on_site = False
        return inlines

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.viewing_user = request.user  # a class made for this request (core.admin_links)
        return form

    def get_formsets_with_inlines(self, request, obj=None):
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            formset.form.viewing_user = request.user  # as get_form's
            yield formset, inline

    def page_opens(self, user, obj) -> bool:
        """Whether `user` may open `obj`'s change page here: asked before a read-only field
        elsewhere links to it (core.admin_links). An admin that scopes its objects narrows it."""
        opts = self.opts
        return any(
            user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")
            for action in ("view", "change")
        )

    def get_scoped_object(self, request, object_id):
        """The object if this user may see it, else Http404 (also for a malformed id)."""
        obj = self.get_object(request, unquote(str(object_id)))
        if obj is None:
            raise Http404
        return obj

    def get_object(self, request, object_id, from_field=None):
        # Inside change_view: the object it has already fetched and checked, not a second read.
        fetched = request.__dict__.get(FETCHED)
        if fetched is not None and from_field is None and fetched[:2] == (self.model, object_id):
            return fetched[2]
        return super().get_object(request, object_id, from_field)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_scoped_object(request, object_id)
        # Django's change view looks the object up again (get_object); it gets this one.
        request.__dict__[FETCHED] = (self.model, unquote(str(object_id)), obj)
        try:
            return super().change_view(request, object_id, form_url, extra_context)
        finally:
            request.__dict__.pop(FETCHED, None)

    def history_view(self, request, object_id, extra_context=None):
        self.get_scoped_object(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self.get_scoped_object(request, object_id)
        return super().delete_view(request, object_id, extra_context)


class ReadOnlyAdminMixin:
    """Records shown, never added, changed or deleted in the admin (they are written through
    the services); for a ModelAdmin or an inline."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ScopedAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """A ModelAdmin whose object pages keep its scope."""


class ScopedHistoryMixin(ScopedAdminMixin):
    """For a SimpleHistoryAdmin: its history list and version pages keep the admin's scope.

    The version page only shows: it answers 405 to anything but GET, finds the version among
    `get_history_queryset` (so an admin that hides some versions hides them here too) of an
    object in `get_queryset`, and shows every field read-only. Reverting is also switched off
    in the settings (SIMPLE_HISTORY_REVERT_DISABLED), which hides the library's button.
    """

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        obj = self.get_scoped_object(request, object_id)
        versions = self.visible_versions(request, obj)
        if not versions.filter(history_id=_int_or_404(version_id)).exists():
            raise Http404
        return super().history_form_view(request, object_id, version_id, extra_context)

    def visible_versions(self, request, obj):
        manager = getattr(self.model, self.model._meta.simple_history_manager_attribute)
        return self.get_history_queryset(request, manager, self.model._meta.pk.attname, obj.pk)

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        if not _is_version_page(request):
            return readonly
        every_field = (
            f.name for f in self.model._meta.concrete_fields if f.editable and not f.primary_key
        )
        return readonly + tuple(name for name in every_field if name not in readonly)


class ScopedHistoryAdmin(ScopedHistoryMixin, SimpleHistoryAdmin):
    """A SimpleHistoryAdmin whose pages keep its scope."""


def scoped(admin_class):
    """`admin_class`, or a subclass of it whose object pages keep its scope."""
    if issubclass(admin_class, SimpleHistoryAdmin) and not issubclass(
        admin_class, ScopedHistoryMixin
    ):
        mixin = ScopedHistoryMixin
    elif not issubclass(admin_class, ScopedAdminMixin):
        mixin = ScopedAdminMixin
    else:
        return admin_class
    return type(f"Scoped{admin_class.__name__}", (mixin, admin_class), {})


def _is_version_page(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return bool(match and match.url_name and match.url_name.endswith(VERSION_PAGE_SUFFIX))


def _int_or_404(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


def kronor_display(model, name: str):
    """An admin column or read-only field showing the amount field `name` as "250 000 kr".

    Django shows an integer field as "250000"; put this in list_display or readonly_fields (and
    the fieldsets) instead of the field's name. It works as a class attribute (an admin method)
    and as a plain callable alike.
    """
    field = model._meta.get_field(name)

    @admin.display(description=field.verbose_name, ordering=name)
    def show(*args):
        return format_kronor(getattr(args[-1], name))

    show.__name__ = f"{name}_kronor"
    return show
