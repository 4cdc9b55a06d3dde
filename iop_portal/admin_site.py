"""The staff admin site: Django's, without the views the portal does not use."""

import functools

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from core.admin import scoped

# Django's "view on site" shortcut, /admin/r/<content type>/<id>/, redirects to any object's
# get_absolute_url() without asking whether the user may see it, so its answer (redirect or
# 404) tells whether a case exists. Nothing in the portal links to it (every admin sets
# view_on_site = False, see core.admin), so it is switched off, not guarded.
UNUSED_URL_NAMES = frozenset({"view_on_site"})
# On the request while each_context runs: its app list is then built only if a page shows it.
LAZY_APP_LIST = "_portal_lazy_app_list"


class PortalAdminSite(admin.AdminSite):
    site_header = _("IOP-portalen – handläggning")
    site_title = _("IOP-portalen")
    index_title = _("Ärenden om idéburet offentligt partnerskap")

    def register(self, model_or_iterable, admin_class=None, **options):
        """Register as Django does, with the scoped object pages (core.admin) added
        to an admin class that lacks them, such as a library's (django-axes, auth's Group)."""
        admin_class = scoped(admin_class or admin.ModelAdmin)
        return super().register(model_or_iterable, admin_class, **options)

    def each_context(self, request):
        """Django's context for every admin page, with the app list (`available_apps`, which
        only the navigation sidebar shows) built when the template first reads it: a page
        without the sidebar, such as the case queue, saves its permission checks and URLs."""
        request.__dict__[LAZY_APP_LIST] = True
        try:
            return super().each_context(request)
        finally:
            request.__dict__.pop(LAZY_APP_LIST, None)

    def get_app_list(self, request, app_label=None):
        if request.__dict__.pop(LAZY_APP_LIST, False):
            build = functools.partial(super().get_app_list, request, app_label)
            return SimpleLazyObject(build)
        return super().get_app_list(request, app_label)

    def get_urls(self):
        # Imported here: this module is loaded with the app registry, before any models.
        from statistik import views as statistik_views

        # The site's own pages go first: Django's list ends with a catch-all.
        return [
            *statistik_views.admin_urls(self),
            *(
                url
                for url in super().get_urls()
                if getattr(url, "name", None) not in UNUSED_URL_NAMES
            ),
        ]


class PortalAdminConfig(AdminConfig):
    """Installed instead of django.contrib.admin, so that admin.site is a PortalAdminSite."""

    default_site = "iop_portal.admin_site.PortalAdminSite"
