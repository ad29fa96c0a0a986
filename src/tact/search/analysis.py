"""Language-aware lexical analysis for legal texts (en, fr, es, ru, ar, zh).

National legislation arrives in many languages while the Convention and its Protocols are read
in English; before anything can be compared, words must be reduced to comparable forms.  This
module does only that: normalise -> tokenise -> drop stopwords -> stem.  It is deliberately
small and deterministic (no models, no network) so that suggestions are explainable and the
same input always gives the same terms.

The public entry point is :func:`analyse`.  The stopword lists are short, hand-written lists of
function words; they are not meant to remove legal vocabulary (IDF takes care of frequent legal
words such as "article" inside one state's corpus).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable

import Stemmer

__all__ = [
    "LANGUAGES",
    "analyse",
    "canonical_language",
    "normalise",
    "script_language",
    "stem",
    "stopwords",
    "tokenise",
]

#: Languages with dedicated handling; anything else is analysed generically (no stemming).
LANGUAGES: tuple[str, ...] = ("en", "fr", "es", "ru", "ar", "zh")

_LANGUAGE_ALIASES: dict[str, str] = {
    "en": "en",
    "eng": "en",
    "english": "en",
    "fr": "fr",
    "fra": "fr",
    "fre": "fr",
    "french": "fr",
    "es": "es",
    "spa": "es",
    "spanish": "es",
    "ru": "ru",
    "rus": "ru",
    "russian": "ru",
    "ar": "ar",
    "ara": "ar",
    "arabic": "ar",
    "zh": "zh",
    "zho": "zh",
    "chi": "zh",
    "chinese": "zh",
    "cmn": "zh",
}

_SNOWBALL: dict[str, str] = {
    "en": "english",
    "fr": "french",
    "es": "spanish",
    "ru": "russian",
    "ar": "arabic",
}


def canonical_language(language: str) -> str:
    """Map ISO 639-1/639-2 codes, BCP 47 tags ('fr-FR') and names to our two-letter codes.

    AKN documents carry 3-letter codes ('fra') and the UI uses 2-letter ones; accepting both
    avoids a silent fall-back to unstemmed analysis because of a spelling of the code.
    """
    key = language.strip().lower().replace("_", "-").split("-", 1)[0]
    return _LANGUAGE_ALIASES.get(key, key)


_SCRIPTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile("[\u0400-\u04ff]"), "ru"),
    (re.compile("[\u0600-\u06ff\u0750-\u077f]"), "ar"),
    (re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"), "zh"),
)
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")


def script_language(chunk: str, language: str) -> str:
    """The language to analyse *chunk* in: the record's, unless the word is written in a
    script that language does not use (a Russian title in an English record, an English
    acronym in an Arabic one), then the language of its script, as the query side reads it."""
    for pattern, written_in in _SCRIPTS:
        if pattern.search(chunk):
            return written_in
    if language in {"ru", "ar", "zh"} and _LATIN.search(chunk):
        return "en"
    return language


# --- normalisation -------------------------------------------------------------------------

# Harakat, Quranic annotation marks and superscript alef: vocalisation is rarely written in
# legislation and, when it is, must not make two spellings of one word differ.
_AR_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_AR_TATWEEL = "\u0640"
_AR_ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي"})
_ARABIC_INDIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_ACCENT_LANGUAGES = frozenset({"fr", "es", "en"})


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    )


def normalise(text: str, language: str) -> str:
    """Return a comparison form of *text*: NFKC, casefolded, script-specific cleanup.

    * fr/es/en: accents are stripped, because legal texts (and their OCR or ALL-CAPS headings,
      e.g. 'ARTICULO' vs 'Artículo') are inconsistent about them;
    * ru: 'ё' is folded to 'е', which is how most printed laws spell it anyway;
    * ar: diacritics and tatweel are removed and alef/alef maqsura variants are unified.
    """
    lang = canonical_language(language)
    out = unicodedata.normalize("NFKC", text).casefold()
    out = out.replace("\u2019", "'").replace("\u02bc", "'")
    if lang in _ACCENT_LANGUAGES:
        out = _strip_accents(out)
    elif lang == "ru":
        out = out.replace("ё", "е")
    elif lang == "ar":
        out = _AR_DIACRITICS.sub("", out).replace(_AR_TATWEEL, "").translate(_AR_ALEF)
        out = out.translate(_ARABIC_INDIC_DIGITS)
    return out


# --- tokenisation --------------------------------------------------------------------------

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN_RE = re.compile(rf"[{_HAN}]+|[^\W\d_{_HAN}]+|\d+")
_HAN_RE = re.compile(rf"[{_HAN}]")

# British -> American spellings: the Convention is in UN (British) English, the US Code in
# American English; without this 'harbouring' and 'harbors' never meet.
_EN_SPELLING: tuple[tuple[str, str], ...] = (
    ("harbour", "harbor"),
    ("labour", "labor"),
    ("favour", "favor"),
    ("behaviour", "behavior"),
    ("honour", "honor"),
    ("neighbour", "neighbor"),
    ("endeavour", "endeavor"),
    ("offence", "offense"),
    ("defence", "defense"),
    ("licence", "license"),
    ("organis", "organiz"),
    ("recognis", "recogniz"),
    ("authoris", "authoriz"),
    ("criminalis", "criminaliz"),
    ("utilis", "utiliz"),
    ("penalis", "penaliz"),
    ("programme", "program"),
    ("centre", "center"),
    ("judgement", "judgment"),
    ("travell", "travel"),
    ("counsell", "counsel"),
)


def _american(token: str) -> str:
    for british, american in _EN_SPELLING:
        if token.startswith(british):
            return american + token[len(british) :]
    return token


def _arabic_proclitics(token: str) -> str:
    """'والمساعدة' -> 'المساعدة', 'للمادة' -> 'المادة': the Snowball stemmer removes the
    article but not a conjunction or preposition glued in front of it."""
    if len(token) > 4 and token[0] in "وفبك" and token[1:3] == "ال":
        return token[1:]
    if len(token) > 4 and token.startswith("لل"):
        return "ال" + token[2:]
    return token


def _han_grams(run: str) -> list[str]:
    """Characters plus overlapping bigrams: Chinese has no spaces and a dictionary segmenter
    would be a heavy dependency; unigram+bigram indexing is the usual robust baseline."""
    grams = list(run)
    grams.extend(run[i : i + 2] for i in range(len(run) - 1))
    return grams


def tokenise(text: str, language: str) -> list[str]:
    """Split *text* into normalised word tokens, in reading order.

    Pure numbers and one-letter tokens are dropped: in laws they are mostly cross-references
    ('article 34', '1°', elided "l'" / "d'") that would create spurious overlaps between
    unrelated provisions.  Han runs are expanded to characters and bigrams in any language.
    """
    lang = canonical_language(language)
    tokens: list[str] = []
    for match in _TOKEN_RE.finditer(normalise(text, lang)):
        token = match.group(0)
        if _HAN_RE.match(token):
            tokens.extend(_han_grams(token))
            continue
        if token.isdigit() or len(token) < 2:
            continue
        if lang == "en":
            token = _american(token)
        elif lang == "ar":
            token = _arabic_proclitics(token)
        tokens.append(token)
    return tokens


# --- stopwords -----------------------------------------------------------------------------

_STOPWORDS_RAW: dict[str, str] = {
    "en": """
        a about above after again against all also am an and any are as at be because been
        before being below between both but by can could did do does doing down during each
        either every few for from further had has have having he her here hers herself him
        himself his how if in into is it its itself may me might more most must my myself
        neither no nor not of off on once only or other otherwise our ours out over own same
        shall she should so some such than that the their theirs them themselves then there
        these they this those through thus to too under until up upon very was we were what
        when where whereby wherein which while who whom whose why will with within without
        would you your hereby herein thereof therein thereto whether
    """,
    "fr": """
        a au aux avec ce ces cet cette ci dans de des du elle elles en entre et eux il ils je
        la le les leur leurs lui ma mais me meme mes moi mon ne ni nos notre nous on ou par
        pas pour qu que qui quel quelle quels quelles sa sans se ses si son sont sur ta te tes
        toi ton tu un une vos votre vous ete etre est sont ont avait ayant lorsque lorsqu
        dont ainsi afin selon soit sous vers tout tous toute toutes autre autres peut peuvent
        elle ceux celle celles celui cela ceci ledit ladite lesdits lesdites auquel auxquels
        duquel desquels laquelle lequel lesquels lesquelles jusqu puisqu quelqu
    """,
    "es": """
        a al algo ante antes aquel aquella aquellos como con contra cual cuales cuando de del
        desde donde dos el ella ellas ellos en entre era es esa esas ese eso esos esta estas
        este esto estos fue fueron ha han hasta la las le les lo los mas mediante mi no nos o
        otra otras otro otros para pero por que quien quienes se sea sean segun ser si sin
        sobre su sus tal tales tambien tanto toda todas todo todos tras un una unas uno unos
        y ya e u ni cuya cuyo cuyas cuyos dicha dicho dichas dichos misma mismo mismas mismos
        haya hayan hubiere hubieren sera seran
    """,
    "ru": """
        а без более бы был была были было быть в вам вас весь во вот все всего всех вы где да
        даже для до его ее если есть еще же за и из или им их к как ко когда кото которая
        которые который которых которым кроме ли либо лишь между мне могут может мы на над не
        него нее нет ни них но о об обо от перед по под после при с со так также такой там те
        тем то того тоже той только том ту ты у уже чем что чтобы эта эти это этого этой этом
        этот является являются
    """,
    "ar": """
        في من على الى إلى عن مع او أو و ثم ان أن إن لا ما هذا هذه ذلك تلك التي الذي الذين
        اللذين اللتين هو هي هم هن كل كان كانت يكون تكون قد لم لن حيث بين عند غير بعد قبل
        اي أي كما اذا إذا وفي ومن وعلى او بها به لها له فيها فيه منها منه عليها عليه
    """,
    "zh": "的 了 和 是 在 或 及 与 其 之 为 对 由 于 以 等 者 所 该 本 并 而",
}

_STOPWORDS: dict[str, frozenset[str]] = {}


def stopwords(language: str) -> frozenset[str]:
    """The (normalised) stopword set for *language*; empty for unknown languages."""
    lang = canonical_language(language)
    cached = _STOPWORDS.get(lang)
    if cached is None:
        raw = _STOPWORDS_RAW.get(lang, "")
        cached = frozenset(normalise(word, lang) for word in raw.split())
        _STOPWORDS[lang] = cached
    return cached


# --- stemming ------------------------------------------------------------------------------

# PyStemmer objects keep an internal cache and are not thread-safe: one per thread.
_LOCAL = threading.local()


def _stemmer(lang: str) -> Stemmer.Stemmer | None:
    algorithm = _SNOWBALL.get(lang)
    if algorithm is None:
        return None
    cache: dict[str, Stemmer.Stemmer] | None = getattr(_LOCAL, "stemmers", None)
    if cache is None:
        cache = {}
        _LOCAL.stemmers = cache
    stemmer = cache.get(lang)
    if stemmer is None:
        stemmer = Stemmer.Stemmer(algorithm)
        cache[lang] = stemmer
    return stemmer


# Words the Snowball stemmer conflates with unrelated legal words: English 'proceedings'
# (court proceedings) would otherwise become 'proceed', the stem of 'proceeds' (of crime).
_STEM_EXCEPTIONS: dict[str, dict[str, str]] = {
    "en": {"proceedings": "proceeding", "proceeding": "proceeding"},
}


def stem(tokens: Iterable[str], language: str) -> list[str]:
    """Snowball-stem *tokens* (already normalised); unknown languages are returned unchanged."""
    lang = canonical_language(language)
    items = list(tokens)
    stemmer = _stemmer(lang)
    if stemmer is None:
        return items
    exceptions = _STEM_EXCEPTIONS.get(lang, {})
    stems: list[str] = [
        exceptions.get(t) or s for t, s in zip(items, stemmer.stemWords(items), strict=True)
    ]
    if lang in _ACCENT_LANGUAGES:
        # Snowball may reintroduce nothing accented, but its French/Spanish rules were written
        # for accented input; re-strip so query and document forms always agree.
        stems = [_strip_accents(s) for s in stems]
    return stems


def analyse(text: str, language: str) -> list[str]:
    """Text -> list of index terms (normalised, stopwords removed, stemmed), in order.

    Order is kept because the concept lexicon matches multi-word terms as sequences.
    """
    lang = canonical_language(language)
    stop = stopwords(lang)
    return stem((t for t in tokenise(text, lang) if t not in stop), lang)
