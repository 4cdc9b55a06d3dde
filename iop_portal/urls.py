"""Top-level URLs: the public and organisation pages, accounts, and the staff admin."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from initiatives import views as initiative_views

admin.site.site_header = _("IOP-portalen – handläggning")
admin.site.site_title = _("IOP-portalen")
admin.site.index_title = _("Ärenden om idéburet offentligt partnerskap")

urlpatterns = [
    path("", initiative_views.home, name="home"),
    path("konto/skapa/", initiative_views.signup, name="signup"),
    path("konto/logga-in/", auth_views.LoginView.as_view(), name="login"),
    path("konto/logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("initiatives.urls")),
    path("", include("initiatives.urls_public")),
]
