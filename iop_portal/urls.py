"""Top-level URLs: the public and organisation pages, accounts, and the staff admin."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts import views as account_views
from initiatives import views as initiative_views

urlpatterns = [
    path("", initiative_views.home, name="home"),
    path("konto/skapa/", account_views.signup, name="signup"),
    path("konto/skapat/", account_views.signup_done, name="signup_done"),
    path("konto/bekrafta/ny-lank/", account_views.resend_verification, name="resend_verification"),
    path("konto/bekrafta/<str:token>/", account_views.verify_email, name="verify_email"),
    path("konto/logga-in/", account_views.LoginView.as_view(), name="login"),
    path("konto/losenord/", account_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "konto/losenord/skickat/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "konto/losenord/<uidb64>/<token>/",
        account_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "konto/losenord/klart/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("konto/logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("initiatives.urls")),
    path("", include("agreements.urls")),
    path("", include("term.urls")),
    path("", include("namnd.portal")),
    path("", include("reminders.urls")),
    path("", include("public.urls")),
]
