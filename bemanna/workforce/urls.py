from django.urls import path

from bemanna.workforce import views

app_name = "workforce"
urlpatterns = [
    path("", views.home, name="home"),
    path("enhet/<str:code>/", views.unit_detail, name="unit"),
    path("enhet/<str:code>/anstallningar/", views.unit_persons, name="persons"),
    path("personal/import/", views.import_file, name="import"),
    path("personal/yrkesgrupper/", views.group_mappings, name="groups"),
]
