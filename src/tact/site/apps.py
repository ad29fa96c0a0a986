from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class SiteConfig(AppConfig):
    """The shell around the domain apps: home, area pages, site search, record history,
    the state profile page's registry of panels, and the demo orchestration."""

    name = "tact.site"
    label = "site"
    verbose_name = "tact site"

    def ready(self) -> None:
        # Each domain contributes `search.py` (search providers) and `panels.py` (state
        # profile panels); finding them through the installed apps keeps the shell free of
        # a list of domains.
        autodiscover_modules("search", "panels")
