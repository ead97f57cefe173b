from django.urls import path

from bemanna.accessibility import views

app_name = "accessibility"
urlpatterns = [
    path("tillganglighet/", views.statement, name="statement"),
]
