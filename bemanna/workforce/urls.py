from django.urls import path

from bemanna.workforce import views

app_name = "workforce"
urlpatterns = [
    path("import/", views.import_file, name="import"),
]
