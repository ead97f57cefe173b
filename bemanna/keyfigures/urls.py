from django.urls import path

from bemanna.keyfigures import views

app_name = "keyfigures"
urlpatterns = [
    path("nyckeltal/", views.key_figures, name="page"),
    path("nyckeltal/rapport/", views.report, name="report"),
    path("nyckeltal/hme-kolada/", views.hme_kolada, name="hme_kolada"),
    path("foretagshalsa/", views.worklist, name="worklist"),
    path("foretagshalsa/<int:pk>/", views.record_call, name="call"),
]
