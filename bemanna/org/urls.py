from django.urls import path

from bemanna.org import views

app_name = "org"
urlpatterns = [
    path("", views.home, name="home"),
    path("enhet/<str:code>/", views.unit_detail, name="unit"),
    path("enhet/<str:code>/anstallningar/", views.unit_persons, name="persons"),
]
