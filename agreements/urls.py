"""URLs of the organisation's side of the agreement draft."""

from django.urls import path

from . import views

app_name = "agreements"
urlpatterns = [
    path("initiativ/<int:pk>/avtal/", views.agreement_draft, name="draft"),
    path("initiativ/<int:pk>/avtal/avtal.pdf", views.agreement_draft_pdf, name="draft_pdf"),
]
