from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "tact.practices"
    label = "practices"
    verbose_name = "good practices"
