from django.urls import path

from bemanna.keyfigures import views

app_name = "keyfigures"
urlpatterns = [path("nyckeltal/", views.key_figures, name="page")]
