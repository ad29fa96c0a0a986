from django.apps import AppConfig


class AssistanceConfig(AppConfig):
    name = "tact.assistance"
    label = "assistance"
    verbose_name = "assistance"
