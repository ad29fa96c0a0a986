from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tact.accounts"
    label = "accounts"
    verbose_name = "accounts"
