from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "bemanna.audit"
    label = "audit"
