"""The browser walk's checks catch what they claim to (no browser needed)."""

from __future__ import annotations

from tests.browser_walk_checks import load


def test_untranslated_msgid_is_caught_and_translation_is_not() -> None:
    russian = load("ru")
    assert russian.untranslated(["Log in", "Войти", "Kenya"]) == ["Log in"]


def test_plural_form_that_disagrees_with_its_count_is_caught() -> None:
    russian = load("ru")
    assert russian.plural_mismatches(["41 статья", "5 статей", "2 государства"]) == []
    problems = russian.plural_mismatches(["41 статей", "197 государства"])
    assert any("'41 статей'" in p for p in problems)
    assert any("'197 государства'" in p for p in problems)


def test_every_language_has_its_plural_rule() -> None:
    assert [load("ar").plural(n) for n in (0, 1, 2, 3, 11, 100)] == [0, 1, 2, 3, 4, 5]
    assert load("zh-hans").plural(5) == 0
    assert load("fr").plural(0) == 0 and load("fr").plural(2) == 1
