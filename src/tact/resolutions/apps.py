from django.apps import AppConfig


class ResolutionsConfig(AppConfig):
    name = "tact.resolutions"
    label = "resolutions"
    verbose_name = "resolutions"
