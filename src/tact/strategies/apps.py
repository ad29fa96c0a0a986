from django.apps import AppConfig


class StrategiesConfig(AppConfig):
    name = "tact.strategies"
    label = "strategies"
    verbose_name = "strategies"
