"""URLs of the reminders: a handläggare's calendar feed and its new link."""

from django.urls import path

from . import views

app_name = "reminders"
urlpatterns = [
    path("kalender/<str:token>.ics", views.calendar_feed, name="calendar"),
    path("personal/kalender/ny-lank/", views.calendar_reset, name="calendar_reset"),
]
