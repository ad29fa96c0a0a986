"""Reference data in the reader's language: translated titles, marked fallbacks, official texts."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.template import Context, Template
from django.test import Client
from django.utils import translation

from tact.catalog.models import Provision
from tact.catalog.services import catalog_load_text, parse_articles

UN = ["ar", "es", "fr", "ru", "zh"]


@pytest.mark.django_db
def test_every_article_title_is_in_the_six_languages_but_one_marked() -> None:
    missing = [
        (p.key, lang) for p in Provision.objects.all() for lang in UN if not p.titles.get(lang)
    ]
    # fp/art_15 in Chinese is left to the marked fallback until checked against the official text
    assert missing == [("fp/art_15", "zh")]


def test_fallback_is_marked_with_its_language() -> None:
    template = Template("{% load tact_i18n %}{{ titles|in_language }}")
    with translation.override("fr"):
        shown = template.render(Context({"titles": {"en": "Secretariat", "fr": ""}}))
        translated = template.render(
            Context({"titles": {"en": "Secretariat", "fr": "Secrétariat"}})
        )
    assert 'lang="en"' in shown and 'class="fallback"' in shown and ">EN</sup>" in shown
    assert translated == "Secrétariat"


@pytest.mark.django_db
def test_provision_page_in_french_says_the_english_text_is_shown(client: Client) -> None:
    page = client.get("/fr/catalog/untoc/articles/24/").content.decode()
    assert "Protection des témoins" in page
    assert "le texte anglais faisant foi est affiché" in page


MARKDOWN = """##Convention

### Article  24

####Protection des témoins

1. Chaque État Partie prend des mesures appropriées.

### Article 25

2. Texte sans titre.

##Vertaling
### Article 1
ignored
"""


def test_parse_articles_reads_headings_titles_and_stops_at_a_new_part() -> None:
    articles = parse_articles(MARKDOWN)
    assert articles[24] == (
        "Protection des témoins",
        "1. Chaque État Partie prend des mesures appropriées.",
    )
    assert articles[25] == ("", "2. Texte sans titre.")
    assert 1 not in articles


@pytest.mark.django_db
def test_official_text_per_language_is_loaded_and_shown(client: Client, tmp_path: Any) -> None:
    report = catalog_load_text(instrument_code="untoc", language="fr", markdown=MARKDOWN)
    assert report.updated == 2
    again = catalog_load_text(instrument_code="untoc", language="fr", markdown=MARKDOWN)
    assert again.updated == 0
    provision = Provision.objects.get(key="untoc/art_24")
    assert provision.text_in("fr") == ("fr", "1. Chaque État Partie prend des mesures appropriées.")
    assert provision.text_in("ru")[0] == "en"
    page = client.get("/fr/catalog/untoc/articles/24/").content.decode()
    assert 'lang="fr">1. Chaque État Partie' in page
    assert "le texte anglais faisant foi est affiché" not in page
    # the command takes INSTRUMENT:LANG=FILE
    source = tmp_path / "untoc-es.md"
    source.write_text(MARKDOWN.replace("témoins", "testigos"), encoding="utf-8")
    call_command("load_catalog", "--text", f"untoc:es={source}")
    assert Provision.objects.get(key="untoc/art_24").texts["es"].startswith("1. Chaque")
    with pytest.raises(CommandError):
        call_command("load_catalog", "--text", f"untoc:xx={source}")


@pytest.mark.django_db
def test_obligation_summary_is_shown_in_the_language(client: Client) -> None:
    page = client.get("/es/catalog/untoc/articles/2/").content.decode()
    assert "Disposición general" in page


@pytest.mark.django_db
def test_an_article_is_named_in_the_readers_language() -> None:
    article = Provision.objects.get(key="untoc/art_24")
    paragraph = article.paragraphs.get(key="untoc/art_24/para_2")
    with translation.override("en"):
        assert str(article) == "UNTOC art. 24" and str(paragraph) == "UNTOC art. 24(2)"
    with translation.override("zh-hans"):
        assert str(article).endswith("第24条") and "art." not in str(paragraph)
    with translation.override("ru"):
        assert str(article).endswith(", ст. 24")
    with translation.override("ar"):
        assert str(article).endswith("، المادة 24")
