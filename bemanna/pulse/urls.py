from django.urls import path

from bemanna.pulse import statement_views, views

app_name = "pulse"
urlpatterns = [
    path("svar/", views.answer, name="answer"),
    path("svar/kod/", views.enter_code, name="code"),
    path("puls/", views.pulse_list, name="list"),
    path("puls/ny/", views.pulse_edit, name="new"),
    path("puls/ny/mall/", views.from_template, name="from_template"),
    path("puls/ny/antal/", views.invite_count, name="invite_count"),
    path("puls/ny/forhandsvisning/", views.preview, name="preview"),
    path("puls/ny/fraga/", views.add_question, name="add_question"),
    path("puls/<int:pk>/", views.results, name="results"),
    path("puls/<int:pk>/pastaenden/", statement_views.statements, name="statements"),
    path("puls/<int:pk>/andra/", views.pulse_edit, name="edit"),
    path("puls/<int:pk>/omgangar/", views.waves, name="waves"),
    path("puls/<int:pk>/export.xlsx", views.export, name="export"),
    path("puls/<int:pk>/dialoger/", views.dialogues, name="dialogues"),
    path("puls/omgang/<int:wave_pk>/inbjudningar.pdf", views.sheets, name="sheets"),
    path("puls/omgang/<int:wave_pk>/dialog/<str:code>/", views.dialogue, name="dialogue"),
    path("puls/atgard/<int:pk>/status/", views.action_status, name="action_status"),
]
