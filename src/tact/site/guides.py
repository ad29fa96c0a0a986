"""The user guides: one Markdown file per role and language, packaged with the application.

Files live in `tact/site/guides/<language>/<role>.md` (and `index.md` for the tour on the help
index). A language without its file falls back to English and says so. The Markdown is ours,
but raw HTML in it is still escaped, never passed through. Two link forms keep the guides
independent of the address of the site and of the language prefix:

- `[text](url:app:name)` or `[text](url:app:name/ARG)` is reversed with Django's `reverse`;
- `![alt](shot:name.png)` is the screenshot `static/tact/guide/name.png`, which the browser
  test `tests/test_guide_screenshots.py` writes.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from xml.etree.ElementTree import Element

import markdown
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from tact.core.access import Role

FALLBACK_LANGUAGE = "en"
SHOT_PREFIX = "tact/guide/"


@dataclass(frozen=True)
class GuideRole:
    slug: str
    role: str
    label: str | Promise
    summary: str | Promise


GUIDE_ROLES: tuple[GuideRole, ...] = (
    GuideRole(
        "focal-point",
        Role.FOCAL_POINT,
        Role.FOCAL_POINT.label,
        _("Follow up your state's recommendations, its laws, needs and strategies."),
    ),
    GuideRole(
        "donor",
        Role.DONOR,
        Role.DONOR.label,
        _("Import your projects from IATI, answer needs, report contributions."),
    ),
    GuideRole(
        "evaluator",
        Role.EVALUATOR,
        Role.EVALUATOR.label,
        _("Run an evaluation, rate it, record findings and follow the responses."),
    ),
    GuideRole(
        "secretariat",
        Role.SECRETARIAT,
        Role.SECRETARIAT.label,
        _("Import resolutions and laws, prepare meetings, review practices and overlaps."),
    ),
    GuideRole(
        "reader",
        Role.READER,
        _("Public reader"),
        _("Read the Convention, the states' progress and the published practices."),
    ),
)
GUIDE_ROLES_BY_SLUG = {r.slug: r for r in GUIDE_ROLES}


@dataclass(frozen=True)
class Guide:
    html: str
    language: str  # the language of the text shown
    fallback: bool  # True when the English text stands in for the language asked for
    broken_links: tuple[str, ...]


class _LinkRewriter(Treeprocessor):
    def run(self, root: Element) -> None:
        broken: list[str] = []
        for element in root.iter():
            if element.tag == "a" and (href := element.get("href", "")).startswith("url:"):
                name, _sep, arg = href[4:].partition("/")
                try:
                    element.set("href", reverse(name, args=[arg] if arg else None))
                except NoReverseMatch:
                    broken.append(href)
                    element.attrib.pop("href")
            elif element.tag == "img" and (src := element.get("src", "")).startswith("shot:"):
                element.set("src", static(SHOT_PREFIX + src[5:]))
                element.set("loading", "lazy")
                element.set("width", "1000")
        self.md.broken_links = broken  # type: ignore[attr-defined]


class _GuideExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        # Our own text, but HTML in it is escaped all the same: no raw blocks, no inline tags.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_LinkRewriter(md), "tact_links", 1)


def guides_folder() -> Traversable:
    return resources.files("tact.site").joinpath("guides")


def guide_source(slug: str, language: str) -> tuple[str, str] | None:
    """The Markdown of a guide and the language it is in (English when `language` has none)."""
    folder = guides_folder()
    for lang in (language, FALLBACK_LANGUAGE):
        path = folder.joinpath(lang, f"{slug}.md")
        if path.is_file():
            return path.read_text(encoding="utf-8"), lang
    return None


def render_markdown(text: str) -> tuple[str, tuple[str, ...]]:
    md = markdown.Markdown(
        extensions=["tables", "sane_lists", _GuideExtension()],
        output_format="html",
    )
    html = md.convert(text)
    return html, tuple(getattr(md, "broken_links", ()))


@functools.lru_cache(maxsize=128)
def _render(slug: str, language: str, url_prefix: str) -> Guide | None:
    # `url_prefix` (the reversed home page) is in the key because links are reversed under the
    # active language and script prefix.
    found = guide_source(slug, language)
    if found is None:
        return None
    text, lang = found
    html, broken = render_markdown(text)
    return Guide(html, lang, lang != language, broken)


def guide(slug: str, language: str) -> Guide | None:
    """The rendered guide `slug` (a role slug or "index") for `language`; None if unknown."""
    if slug != "index" and slug not in GUIDE_ROLES_BY_SLUG:
        return None
    return _render(slug, language, reverse("site:home"))
