from django.urls import path

from bemanna.forecast import views

app_name = "forecast"
urlpatterns = [
    path("historik/", views.history, name="history"),
    path("prognos/", views.scenario_list, name="scenarios"),
    path("prognos/<int:pk>/", views.scenario_detail, name="scenario"),
    path("prognos/<int:pk>/forhandsvisning/", views.scenario_preview, name="preview"),
    path("prognos/<int:pk>/indata/", views.scenario_inputs, name="inputs"),
    path("prognos/<int:pk>/export.<str:fmt>", views.export, name="export"),
    path("prognos/jamfor/", views.compare, name="compare"),
    path("traffsakerhet/", views.backtest, name="backtest"),
    path("befolkning/", views.projections, name="projections"),
    path("prognos/kostnader/", views.costs, name="costs"),
    path("prognos/utbildning/", views.pipeline, name="pipeline"),
]
