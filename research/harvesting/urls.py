from django.urls import path

from research.harvesting import views

app_name = "harvesting"
urlpatterns = [path("", views.oai, name="oai")]
