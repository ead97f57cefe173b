from django.urls import path

from bemanna.privacy import views

app_name = "privacy"
urlpatterns = [
    path("registerutdrag/", views.lookup, name="lookup"),
    path("registerutdrag/resultat/", views.result, name="result"),
    path("registerutdrag/radera/", views.erase, name="erase"),
    path("gallring/", views.retention, name="retention"),
]
