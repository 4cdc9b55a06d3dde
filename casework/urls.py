"""URLs of a case's messages and follow-up reports."""

from django.urls import path

from . import views

app_name = "casework"
urlpatterns = [
    path("initiativ/<int:pk>/meddelanden/", views.case_messages, name="messages"),
    path(
        "initiativ/<int:pk>/rapport/<int:report_date_pk>/",
        views.report_create,
        name="report",
    ),
]
