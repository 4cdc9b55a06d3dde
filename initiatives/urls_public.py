"""URLs of the public pages: no login needed."""

from django.urls import path

from . import views_public
from .feeds import NewPartnershipsFeed

app_name = "public"
urlpatterns = [
    path("ar-iop-ratt-form/", views_public.guide, name="guide"),
    path("ar-iop-ratt-form/svar/", views_public.guide_result_view, name="guide_result"),
    path("partnerskap/", views_public.register_list, name="register"),
    path("partnerskap.csv", views_public.register_csv, name="register_csv"),
    path("partnerskap.json", views_public.register_json, name="register_json"),
    path("partnerskap/nya.atom", NewPartnershipsFeed(), name="register_feed"),
    path("tillganglighet/", views_public.accessibility, name="accessibility"),
    path(
        "tillganglighet/rapportera/", views_public.accessibility_report, name="accessibility_report"
    ),
]
