from django.urls import path

from people.applications import views

app_name = "people"

urlpatterns = [
    path("", views.apply, name="apply"),
    path("received/<str:token>/", views.application_received, name="application_received"),
]
