from django.apps import AppConfig


class LegislationConfig(AppConfig):
    name = "tact.legislation"
    label = "legislation"
    verbose_name = "legislation"
