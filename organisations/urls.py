"""URLs of the organisation's own pages.

initiatives.urls takes these patterns into its own list, so their names (initiatives:organisation,
initiatives:invitation …) and paths stay what links, mails and bookmarks already use."""

from django.urls import path

from . import views

urlpatterns = [
    path("organisation/ny/", views.organisation_create, name="organisation_create"),
    path("organisation/", views.organisation_current, name="organisation_current"),
    path("organisation/byt/", views.organisation_switch, name="organisation_switch"),
    path("organisation/<int:pk>/", views.organisation_profile, name="organisation"),
    path(
        "organisation/<int:pk>/foretradare/",
        views.organisation_members,
        name="organisation_members",
    ),
    path(
        "organisation/<int:pk>/foretradare/<int:membership_pk>/ta-bort/",
        views.member_remove,
        name="member_remove",
    ),
    path(
        "organisation/<int:pk>/foretradare/<int:membership_pk>/roll/",
        views.member_change_role,
        name="member_change_role",
    ),
    path(
        "organisation/<int:pk>/inbjudan/<int:invitation_pk>/aterkalla/",
        views.invitation_cancel,
        name="invitation_cancel",
    ),
    path(
        "organisation/handling/<int:pk>/",
        views.organisation_document_download,
        name="organisation_document",
    ),
    path("inbjudan/<str:token>/", views.invitation_accept, name="invitation"),
]
