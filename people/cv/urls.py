from django.urls import path

from people.cv import views

urlpatterns = [
    path("<slug:slug>/", views.cv_html, name="person_cv"),
    path("<slug:slug>.pdf", views.cv_pdf, name="person_cv_pdf"),
]
