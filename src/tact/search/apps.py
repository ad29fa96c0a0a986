from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "tact.search"
    label = "search"
    verbose_name = "search"
