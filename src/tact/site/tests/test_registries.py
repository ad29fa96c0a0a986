"""The shell finds each app's search providers, state panels and demo loaders through the
installed apps, in the order of INSTALLED_APPS."""

from __future__ import annotations

from django.conf import settings

from tact import search
from tact.core import profile
from tact.site.management.commands.demo_data import demo_loaders


def test_demo_loaders_follow_installed_apps() -> None:
    labels = [label for label, _load in demo_loaders()]
    order = [name.rsplit(".", 1)[-1] for name in settings.INSTALLED_APPS]
    assert labels == sorted(labels, key=order.index)
    assert labels[:2] == ["directory", "resolutions"]
    assert {"legislation", "assistance", "evaluation"} <= set(labels)


def test_search_providers_and_panels_are_discovered() -> None:
    assert {"recommendations", "follow_ups", "provisions"} <= set(search.registry._PROVIDERS)
    assert {"follow_up", "legislation", "evaluation", "assistance"} <= set(profile._PANELS)
