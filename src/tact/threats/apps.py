from django.apps import AppConfig


class ThreatsConfig(AppConfig):
    name = "tact.threats"
    label = "threats"
    verbose_name = "threats"
