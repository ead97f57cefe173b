from django.urls import path

from bemanna.followup import views

app_name = "followup"
urlpatterns = [
    path("start/", views.start, name="start"),
    path("puls/<int:pk>/kommentarer/", views.comments, name="comments"),
]
