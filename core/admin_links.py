"""Read-only links to another object's admin page only for a user who may open that page.

Django's admin shows a read-only foreign key (who assessed, who registered, the sender of a
message) as a link to the target's change page whenever that page's URL exists, without
asking whether the viewing user may open it (django.contrib.admin.helpers.AdminReadonlyField.
get_admin_url). A handläggare then meets links to account pages that answer 403 or 404.

Here that one method asks the target's admin instead: `ScopedAdminMixin.page_opens(user, obj)`
(an admin narrows it, as accounts' does for account pages). The viewing user comes with the
form: ScopedAdminMixin sets `viewing_user` on the form classes it makes for a request; a form
without one gets the plain name, never a link.
"""

from django.contrib.admin import helpers

_django_get_admin_url = helpers.AdminReadonlyField.get_admin_url


def get_admin_url(self, remote_field, remote_obj):
    viewer = getattr(self.form, "viewing_user", None)
    target_admin = self.model_admin.admin_site._registry.get(remote_field.model)
    page_opens = getattr(target_admin, "page_opens", None)
    if viewer is None or page_opens is None or not page_opens(viewer, remote_obj):
        return str(remote_obj)
    return _django_get_admin_url(self, remote_field, remote_obj)


def install():
    helpers.AdminReadonlyField.get_admin_url = get_admin_url
