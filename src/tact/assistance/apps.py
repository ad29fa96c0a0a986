from django.apps import AppConfig


class AssistanceConfig(AppConfig):
    name = "tact.assistance"
    label = "assistance"
    verbose_name = "assistance"

    def ready(self) -> None:
        from tact.assistance import money, permissions, search, summaries  # noqa: F401  (search provider, state panel; summary signals)
        from tact.core import actions, warmup

        actions.register("assistance.import", permissions.can_import)
        # A server loads the ECB rate book before its first visitor converts an amount.
        warmup.register("ecb rates", money.rate_book)
        actions.register("assistance.load_exchange_rates", permissions.can_load_exchange_rates)
