from django.apps import AppConfig


class ChainConfig(AppConfig):
    name = "tact.chain"
    label = "chain"
    verbose_name = "chain from recommendation to result"
