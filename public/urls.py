"""URLs of the public pages: no login needed."""

from django.urls import path

from . import anslagstavla, views
from .feeds import NewPartnershipsFeed

app_name = "public"
urlpatterns = [
    path("ar-iop-ratt-form/", views.guide, name="guide"),
    path("ar-iop-ratt-form/svar/", views.guide_result_view, name="guide_result"),
    path("partnerskap/", views.register_list, name="register"),
    path("partnerskap.csv", views.register_csv, name="register_csv"),
    path("partnerskap.json", views.register_json, name="register_json"),
    path("partnerskap/nya.atom", NewPartnershipsFeed(), name="register_feed"),
    path("partnerskap/dcat.rdf", views.register_dcat, name="register_dcat"),
    path("anslagstavla/", anslagstavla.anslagstavla, name="anslagstavla"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
    path("tillganglighet/rapportera/", views.accessibility_report, name="accessibility_report"),
]
