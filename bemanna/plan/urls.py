from django.urls import path

from bemanna.plan import views

app_name = "plan"
urlpatterns = [
    path("forslag/", views.propose, name="propose"),
    path("plan/", views.inbox, name="inbox"),
    path("plan/forslag/<int:pk>/", views.proposal_detail, name="proposal"),
    path("plan/forslag/<int:pk>/status/", views.move, name="move"),
    path("plan/atgarder/", views.actions, name="actions"),
    path("plan/atgarder/<int:pk>/", views.action_detail, name="action"),
    path("plan/lagesbild/", views.lagesbild, name="lagesbild"),
]
