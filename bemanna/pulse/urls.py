from django.urls import path

from bemanna.pulse import views

app_name = "pulse"
urlpatterns = [
    path("svar/", views.answer, name="answer"),
    path("svar/kod/", views.enter_code, name="code"),
    path("svar/<str:code>/", views.start, name="start"),
    path("puls/", views.pulse_list, name="list"),
    path("puls/<int:pk>/", views.results, name="results"),
]
