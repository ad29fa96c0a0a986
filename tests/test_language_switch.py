"""The language switch works from and to every language on every page: the form posts the
full path and Django's `set_language` translates its language prefix."""

from __future__ import annotations

import itertools

import pytest
from django.conf import settings
from django.test import Client

CODES = [code for code, _name in settings.LANGUAGES]
PAGES = ["/{lang}/", "/{lang}/catalog/", "/{lang}/resolutions/"]


@pytest.mark.django_db
@pytest.mark.parametrize(("source", "target"), list(itertools.product(CODES, CODES)))
def test_switch_between_every_pair_of_languages(source: str, target: str) -> None:
    client = Client()
    for page in PAGES:
        here = page.format(lang=source)
        response = client.get(here)
        assert response.status_code == 200
        html = response.content.decode()
        assert f'name="next" type="hidden" value="{here}"' in html
        response = client.post("/i18n/setlang/", {"language": target, "next": here})
        assert response.status_code == 302
        assert response["Location"] == page.format(lang=target)
        assert client.get(response["Location"]).status_code == 200
