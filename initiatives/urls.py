"""URLs of the organisation's side: its initiatives and cases, and its own pages."""

from django.urls import path

from organisations import urls as organisation_urls

from . import views, views_messages

app_name = "initiatives"
urlpatterns = [
    path("mina-arenden/", views.my_cases, name="my_cases"),
    path("initiativ/nytt/", views.initiative_create, name="create"),
    path("initiativ/<int:pk>/", views.initiative_detail, name="detail"),
    path("initiativ/<int:pk>/andra/", views.initiative_edit, name="edit"),
    path("initiativ/<int:pk>/steg/<slug:step>/", views.initiative_step, name="step"),
    path(
        "initiativ/<int:pk>/steg/<slug:step>/autospara/",
        views.initiative_autosave,
        name="autosave",
    ),
    path("initiativ/<int:pk>/kvittens.pdf", views.initiative_receipt, name="receipt"),
    path("initiativ/<int:pk>/meddelanden/", views_messages.case_messages, name="messages"),
    path("bilaga/<int:pk>/", views.attachment_download, name="attachment"),
    # The organisation's own pages keep their names in this namespace (organisations/urls.py).
    *organisation_urls.urlpatterns,
]
