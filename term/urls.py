"""URLs of a case's follow-up reports."""

from django.urls import path

from . import views

app_name = "term"
urlpatterns = [
    path(
        "initiativ/<int:pk>/rapport/<int:report_date_pk>/",
        views.report_create,
        name="report",
    ),
]
