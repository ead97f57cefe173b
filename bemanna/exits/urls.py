from django.urls import path

from bemanna.exits import views

app_name = "exits"
urlpatterns = [
    path("avgang/svar/", views.answer, name="answer"),
    path("avgang/resultat/", views.results, name="results"),
    path("avgang/kod/", views.enter_code, name="code"),
]
