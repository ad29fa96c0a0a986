from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    """The state profile: composes the sections every domain contributes (``panels.py``,
    registered in ``tact.core.profile``) into a page, an API answer and PDF/Excel reports."""

    name = "tact.profiles"
    label = "profiles"
    verbose_name = "state profiles"
