from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from bemanna.project.health import healthz

urlpatterns = [
    path("", include("bemanna.workforce.urls")),
    path("konto/", include("bemanna.accounts.urls")),
    path("kompetensforsorjning/", include("bemanna.forecast.urls")),
    path("", include("bemanna.pulse.urls")),
    path("", include("bemanna.plan.urls")),
    path("", include("bemanna.keyfigures.urls")),
    path("", include("bemanna.exits.urls")),
    path("", include("bemanna.followup.urls")),
    path("dataskydd/", include("bemanna.privacy.urls")),
    path("", include("bemanna.accessibility.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
]

handler400 = "bemanna.errors.bad_request"
handler403 = "bemanna.errors.permission_denied"
handler404 = "bemanna.errors.page_not_found"
handler500 = "bemanna.errors.server_error"
