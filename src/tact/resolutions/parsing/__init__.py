"""Reading UN resolutions and decisions into a tree of recommendations (no Django here).

Public API: :func:`parse_resolution` for uploads, :func:`parse_markdown` for text already
decoded, the dataclasses of :mod:`.model`, and :class:`ResolutionImportError`.
"""

from tact.resolutions.parsing.errors import ERROR_CODES, ResolutionImportError
from tact.resolutions.parsing.language import detect_language
from tact.resolutions.parsing.model import (
    ADDRESSEE_CATEGORIES,
    SUPPORTED_LANGUAGES,
    Annex,
    Node,
    ParsedResolution,
    PreambleParagraph,
)
from tact.resolutions.parsing.reader import MAX_SIZE, parse_markdown, parse_resolution
from tact.resolutions.parsing.themes import suggest_articles, suggest_themes

__all__ = [
    "ADDRESSEE_CATEGORIES",
    "ERROR_CODES",
    "MAX_SIZE",
    "SUPPORTED_LANGUAGES",
    "Annex",
    "Node",
    "ParsedResolution",
    "PreambleParagraph",
    "ResolutionImportError",
    "detect_language",
    "parse_markdown",
    "parse_resolution",
    "suggest_articles",
    "suggest_themes",
]
