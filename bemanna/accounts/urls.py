from django.urls import path

from bemanna.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.logout, name="logout"),
    path("tvafaktor/", views.verify, name="verify"),
    path("tvafaktor/ny/", views.enrol, name="enrol"),
    path("sparrar/", views.lockouts, name="lockouts"),
    path("sso/", views.SingleSignOn.as_view(), name="sso"),
    path("sso/svar/", views.SingleSignOnCallback.as_view(), name="sso_callback"),
]
