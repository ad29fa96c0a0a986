from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "tact.directory"
    label = "directory"
    verbose_name = "directory"
