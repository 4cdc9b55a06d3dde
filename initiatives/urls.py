"""URLs of the organisation's side."""

from django.urls import path

from . import views, views_messages, views_organisation

app_name = "initiatives"
urlpatterns = [
    path("organisation/ny/", views.organisation_create, name="organisation_create"),
    path("mina-arenden/", views.my_cases, name="my_cases"),
    path("initiativ/nytt/", views.initiative_create, name="create"),
    path("initiativ/<int:pk>/", views.initiative_detail, name="detail"),
    path("initiativ/<int:pk>/andra/", views.initiative_edit, name="edit"),
    path("initiativ/<int:pk>/steg/<slug:step>/", views.initiative_step, name="step"),
    path("initiativ/<int:pk>/kvittens.pdf", views.initiative_receipt, name="receipt"),
    path("initiativ/<int:pk>/meddelanden/", views_messages.case_messages, name="messages"),
    path("bilaga/<int:pk>/", views.attachment_download, name="attachment"),
    # The organisation's own pages (initiatives/views_organisation.py).
    path("organisation/", views_organisation.organisation_current, name="organisation_current"),
    path("organisation/byt/", views_organisation.organisation_switch, name="organisation_switch"),
    path("organisation/<int:pk>/", views_organisation.organisation_profile, name="organisation"),
    path(
        "organisation/<int:pk>/foretradare/",
        views_organisation.organisation_members,
        name="organisation_members",
    ),
    path(
        "organisation/<int:pk>/foretradare/<int:membership_pk>/ta-bort/",
        views_organisation.member_remove,
        name="member_remove",
    ),
    path(
        "organisation/<int:pk>/foretradare/<int:membership_pk>/roll/",
        views_organisation.member_change_role,
        name="member_change_role",
    ),
    path(
        "organisation/<int:pk>/inbjudan/<int:invitation_pk>/aterkalla/",
        views_organisation.invitation_cancel,
        name="invitation_cancel",
    ),
    path(
        "organisation/handling/<int:pk>/",
        views_organisation.organisation_document_download,
        name="organisation_document",
    ),
    path("inbjudan/<str:token>/", views_organisation.invitation_accept, name="invitation"),
]
