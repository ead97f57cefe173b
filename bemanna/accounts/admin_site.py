"""Bemanna's admin site: Django's, but a signed-in user without admin access is answered with
Bemanna's 403 page (`access.uses_admin`), not the admin's login form ("You are
authenticated as … but are not authorized")."""

from functools import wraps

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.core.exceptions import PermissionDenied


class AdminConfig(DjangoAdminConfig):
    """Django's admin on Bemanna's site."""

    default_site = "bemanna.accounts.admin_site.AdminSite"


class AdminSite(admin.AdminSite):
    def has_permission(self, request):
        from bemanna.accounts import access  # the settings load this module: no models yet

        return super().has_permission(request) and access.uses_admin(request.user)

    def _refuse_the_signed_in(self, request):
        if request.user.is_authenticated and not self.has_permission(request):
            raise PermissionDenied

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        @wraps(view)
        def refusing(request, *args, **kwargs):
            self._refuse_the_signed_in(request)
            return inner(request, *args, **kwargs)

        return refusing

    def login(self, request, extra_context=None):
        self._refuse_the_signed_in(request)
        return super().login(request, extra_context)
