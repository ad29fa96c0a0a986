"""Measure suggestion quality on real laws with reviewer-labelled pairs.

Why here and not only in the bench script: the recall test and the bench must compute exactly
the same figure, and the label/citation parsing is subtle enough ('arts. 30-32' is a range in
Uruguay but '450-1' is one French article) to deserve one implementation.

Inputs (see /work/shared/data/legislation/README.md):

* ``labels.tsv`` - national_provision, file, untoc_or_protocol_article, confidence, reason;
* the national texts ``{STATE}-{lang}-*.txt``;
* the treaty texts ``{untoc,tip,som,fp}.md`` ('### Article N' + '####Title'; a Dutch
  translation may follow and is ignored), or the project catalog JSON when available.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tact.legislation.text.references import reference_context as provision_references
from tact.legislation.text.splitter import SplitProvision, split_law
from tact.legislation.text.suggest import (
    DEFAULT_OPTIONS,
    Candidate,
    CandidateIndex,
    ConventionText,
    RankingOptions,
    background_idf,
)

__all__ = [
    "ConventionRef",
    "EvalResult",
    "Label",
    "LabelOutcome",
    "TreatyArticle",
    "all_convention_texts",
    "convention_text",
    "defined_terms",
    "evaluate",
    "load_catalog",
    "load_labels",
    "load_state_candidates",
    "load_treaties",
    "parse_convention_ref",
    "parse_provision_ref",
    "parse_treaty_markdown",
    "reference_context",
]

INSTRUMENT_FILES = {"untoc": "untoc.md", "tip": "tip.md", "som": "som.md", "fp": "fp.md"}
INSTRUMENT_NAMES = {
    "untoc": "UNTOC",
    "tip": "TIP Protocol",
    "som": "Smuggling Protocol",
    "fp": "Firearms Protocol",
}


# --- treaty texts --------------------------------------------------------------------------


@dataclass(slots=True)
class TreatyArticle:
    """One article; ``paragraphs`` maps '1', '2' ... and ``items`` maps 'a', 'b' ... (the
    lettered subparagraphs of articles that have no numbered paragraphs, e.g. definitions)."""

    number: str
    title: str
    text: str
    paragraphs: dict[str, str] = field(default_factory=dict)
    items: dict[str, str] = field(default_factory=dict)


_ART_RE = re.compile(r"^###\s*Article\s+(\d+)\s*$")
_STOP_RE = re.compile(r"^(?:###\s*Artikel\b|##[^#])")
_PARA_RE = re.compile(r"^(\d+)\.\s+")
_ITEM_RE = re.compile(r"^([a-z])\)\s*")


def _split_body(article: TreatyArticle, lines: Iterable[str]) -> None:
    """Fill text, numbered paragraphs ('1. ...') and, failing those, lettered items ('a) ...')."""
    body = [ln.strip() for ln in lines if ln.strip()]
    article.text = "\n".join(body)
    article.paragraphs.clear()
    article.items.clear()
    para: str | None = None
    item: str | None = None
    for ln in body:
        m = _PARA_RE.match(ln)
        if m:
            para = m.group(1)
            article.paragraphs[para] = ln
            continue
        if para is not None:
            article.paragraphs[para] += "\n" + ln
            continue
        m = _ITEM_RE.match(ln)
        if m:
            item = m.group(1)
            article.items[item] = ln
        elif item is not None:
            article.items[item] += "\n" + ln


def parse_treaty_markdown(text: str) -> dict[str, TreatyArticle]:
    """Parse the English part of a treaty markdown file into articles."""
    articles: dict[str, TreatyArticle] = {}
    current: TreatyArticle | None = None
    lines: list[str] = []
    started = False

    def finish() -> None:
        if current is None:
            return
        _split_body(current, lines)
        articles[current.number] = current

    for raw in text.splitlines():
        line = raw.rstrip()
        m = _ART_RE.match(line.strip())
        if m:
            if started and current is not None and m.group(1) in articles:
                break
            finish()
            started = True
            current = TreatyArticle(number=m.group(1), title="", text="")
            lines = []
            continue
        if current is None:
            continue
        stripped = line.strip()
        if _STOP_RE.match(stripped):
            finish()
            current = None
            if stripped.startswith("###"):
                break
            continue
        if stripped.startswith("####") and not current.title:
            current.title = stripped.lstrip("#").strip()
            continue
        if stripped.startswith("###"):
            finish()
            current = None
            continue
        lines.append(line)
    finish()
    return articles


def load_treaties(treaty_dir: Path) -> dict[str, dict[str, TreatyArticle]]:
    """All four instruments from the markdown mirror."""
    return {
        key: parse_treaty_markdown((treaty_dir / name).read_text(encoding="utf-8"))
        for key, name in INSTRUMENT_FILES.items()
        if (treaty_dir / name).exists()
    }


def _instrument_key(record: dict[str, Any]) -> str | None:
    code = str(record.get("code", "")).lower()
    if code in INSTRUMENT_FILES:
        return code
    names = " ".join(
        str(record.get(k, "")) for k in ("code", "slug", "id", "short_name", "key", "name", "title")
    ).lower()
    for key, needles in (
        ("fp", ("fp", "firearms")),
        ("som", ("som", "smuggling")),
        ("tip", ("tip", "trafficking in persons")),
        ("untoc", ("untoc", "convention")),
    ):
        if any(re.search(rf"\b{n}", names) for n in needles):
            return key
    return None


def load_catalog(path: Path) -> dict[str, dict[str, TreatyArticle]]:
    """Read the project's catalog JSON (instruments[].articles[] with number, title.en, text,
    paragraphs[] id/number/text) into the same shape as :func:`load_treaties`."""
    data = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, dict[str, TreatyArticle]] = {}
    for inst in data.get("instruments", []):
        key = _instrument_key(inst)
        if key is None:
            continue
        arts: dict[str, TreatyArticle] = {}
        for art in inst.get("articles", []):
            title = art.get("title", "")
            if isinstance(title, dict):
                title = title.get("en", "")
            text = art.get("text", "")
            if isinstance(text, dict):
                text = text.get("en", "")
            article = TreatyArticle(
                number=str(art.get("number", "")), title=str(title), text=str(text)
            )
            if not article.text:
                parts: list[str] = []
                for para in art.get("paragraphs", []) or []:
                    ptext = para.get("text", "")
                    if isinstance(ptext, dict):
                        ptext = ptext.get("en", "")
                    number = str(para.get("number") or "")
                    parts.append(f"{number}. {ptext}" if number.isdigit() else str(ptext))
                article.text = "\n".join(parts)
            # The article text is authoritative; split it exactly like the markdown so both
            # sources give the same paragraphs and lettered items.
            _split_body(article, article.text.splitlines())
            arts[article.number] = article
        out[key] = arts
    return out


# --- citations ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ConventionRef:
    """'UNTOC art. 24(2)(a)' -> instrument 'untoc', article '24', paragraph '2', item 'a'."""

    instrument: str
    article: str
    paragraph: str | None
    item: str | None


_CONV_RE = re.compile(
    r"(?P<inst>UNTOC|TIP|Smuggling|Firearms)\b[^;/]*?\bart\.\s*(?P<art>\d+)"
    r"(?P<parts>(?:\([0-9a-z]+\))*)"
)


def parse_convention_ref(text: str) -> ConventionRef | None:
    """The primary (first) Convention/Protocol citation in a label cell."""
    m = _CONV_RE.search(text)
    if m is None:
        return None
    inst = {"UNTOC": "untoc", "TIP": "tip", "Smuggling": "som", "Firearms": "fp"}[m.group("inst")]
    parts = re.findall(r"\(([0-9a-z]+)\)", m.group("parts"))
    paragraph = parts[0] if parts and parts[0].isdigit() else None
    item: str | None = None
    if parts and not parts[0].isdigit():
        item = parts[0]
    elif len(parts) > 1 and re.fullmatch(r"[a-z]", parts[1]):
        item = parts[1]
    return ConventionRef(inst, m.group("art"), paragraph, item)


_INCORPORATED_RE = re.compile(
    r"(?:set forth|defined) in article (\d+)(?:,? paragraph (\d+))?(?: ?\(?([a-z])\))?"
    r"(?! of the Convention)"
)
_REFERENCED_RE = re.compile(
    r"\barticles? ((?:\d+(?:, | and | or )?)+)(?:,? paragraph[^,;.]*?)? of this "
    r"(?:Convention|Protocol)"
)


_DEFINITION_RE = re.compile(r"^[a-z]\)\s*(?:``|“|\")(?P<term>[^\"”]+)(?:\"|”)")


# The subject of each instrument is named in almost every article ('victims of trafficking in
# persons'); expanding it would pull the offence definition into every query.
_SUBJECT_TERMS = frozenset(
    {"trafficking in persons", "smuggling of migrants", "organized criminal group"}
)


def defined_terms(articles: dict[str, TreatyArticle]) -> dict[str, str]:
    """Multi-word terms of art defined in the instrument's 'Use of terms' article, mapped to
    their definitions ('illicit trafficking' -> 'the import, export, acquisition, sale ...').

    One-word terms ('property', 'child', 'firearm') are left out: they occur in most articles
    and their definitions would add the same text to every query.
    """
    out: dict[str, str] = {}
    for art in articles.values():
        if art.title.casefold() != "use of terms":
            continue
        for item in art.items.values():
            m = _DEFINITION_RE.match(item)
            if m and len(m.group("term").split()) > 1:
                out[m.group("term").strip().casefold()] = item
    return out


def reference_context(articles: dict[str, TreatyArticle], text: str, own: str) -> str:
    """Text a provision incorporates by reference, from the same instrument.

    'the conduct set forth in article 3' brings in article 3 (or its cited paragraph or
    subparagraph); other references ('offences established in accordance with articles 5, 6,
    8 and 23') bring in only the referenced articles' titles, which name the obligations.
    Terms of art used in the text bring in their definitions (see :func:`defined_terms`).
    """
    parts: list[str] = []
    for m in _INCORPORATED_RE.finditer(text):
        art = articles.get(m.group(1))
        if art is None or art.number == own:
            continue
        if m.group(2) and m.group(2) in art.paragraphs:
            parts.append(art.paragraphs[m.group(2)])
        elif m.group(3) and not art.paragraphs and m.group(3) in art.items:
            parts.append(art.items[m.group(3)])
        else:
            parts.append(art.text)
    lowered = text.casefold()
    for term, definition in defined_terms(articles).items():
        if term in _SUBJECT_TERMS:
            continue
        if term in lowered and definition not in text:
            parts.append(definition)
    for m in _REFERENCED_RE.finditer(text):
        for number in re.findall(r"\d+", m.group(1)):
            art = articles.get(number)
            if art is not None and art.number != own and art.title:
                parts.append(art.title)
    return "\n".join(dict.fromkeys(parts))


def convention_text(
    treaties: dict[str, dict[str, TreatyArticle]],
    ref: ConventionRef,
    expand_references: bool = True,
) -> ConventionText:
    """Query text for a citation: the cited paragraph if given, else the whole article (for
    articles without numbered paragraphs, the cited lettered subparagraph).  Cross-references
    inside that text become the query's lower-weighted ``context``."""
    articles = treaties[ref.instrument]
    article = articles[ref.article]
    text = article.text
    if ref.paragraph and ref.paragraph in article.paragraphs:
        text = article.paragraphs[ref.paragraph]
    elif ref.item and not article.paragraphs and ref.item in article.items:
        text = article.items[ref.item]
    context = reference_context(articles, text, article.number) if expand_references else ""
    return ConventionText(
        instrument=INSTRUMENT_NAMES[ref.instrument],
        article=ref.article,
        title=article.title,
        text=text,
        context=context,
    )


def all_convention_texts(treaties: dict[str, dict[str, TreatyArticle]]) -> list[ConventionText]:
    """Every article of every instrument (the background for query-side IDF)."""
    return [
        ConventionText(
            instrument=INSTRUMENT_NAMES[key], article=art.number, title=art.title, text=art.text
        )
        for key, arts in treaties.items()
        for art in arts.values()
    ]


_PROV_NUM_RE = re.compile(r"(?:\barts?\.|§|,|\band\b)\s*(L?\d+[A-Za-z]?(?:-\d+)*)")


def parse_provision_ref(text: str, known_eids: Iterable[str]) -> list[str]:
    """eIds named by a label such as 'FRA-fr-code-penal arts. 435-1, 435-3',
    'URY-es-ley-19574 arts. 30-32' (a range: no article '30-32' exists) or
    'USA-en-18usc §3521(b)(1)(A)-(B),(G)' (the section)."""
    known = set(known_eids)
    body = text.split(" ", 1)[1] if " " in text else text
    body = re.sub(r"\blit\.\s*[A-Z](?:-[A-Z])?", "", body)
    eids: list[str] = []
    for num in _PROV_NUM_RE.findall(body):
        for prefix in ("art_", "sec_"):
            if prefix + num in known:
                eids.append(prefix + num)
                break
        else:
            m = re.fullmatch(r"(\d+)-(\d+)", num)
            if m and int(m.group(1)) < int(m.group(2)):
                for n in range(int(m.group(1)), int(m.group(2)) + 1):
                    for prefix in ("art_", "sec_"):
                        if f"{prefix}{n}" in known:
                            eids.append(f"{prefix}{n}")
    return list(dict.fromkeys(eids))


# --- labels and candidates -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Label:
    national_provision: str
    file: str
    convention: str
    confidence: str
    reason: str

    @property
    def state(self) -> str:
        return self.file.split("-", 1)[0]


def load_labels(path: Path, confident_only: bool = True) -> list[Label]:
    """Rows of labels.tsv (only 'confident' ones by default)."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    labels = [
        Label(
            r["national_provision"],
            r["file"],
            r["untoc_or_protocol_article"],
            r["confidence"],
            r.get("reason", ""),
        )
        for r in rows
    ]
    if confident_only:
        labels = [lab for lab in labels if lab.confidence == "confident"]
    return labels


def load_state_candidates(
    legislation_dir: Path, resolve_references: bool = True
) -> dict[str, list[Candidate]]:
    """Split every national text; candidates are grouped by State (file name prefix).

    Candidate ids are '{file}#{eid}'.  The heading given to the ranker is the provision's own
    heading plus its enclosing division heading; the context is what its cross-references
    point to (headings/divisions of cited provisions of the same State).
    """
    per_state: dict[str, dict[str, list[SplitProvision]]] = {}
    languages: dict[str, str] = {}
    for path in sorted(legislation_dir.glob("*.txt")):
        state, language = path.name.split("-")[:2]
        languages[path.name] = language
        per_state.setdefault(state, {})[path.name] = split_law(
            path.read_text(encoding="utf-8"), language
        )
    states: dict[str, list[Candidate]] = {}
    for state, documents in per_state.items():
        contexts = provision_references(documents, languages) if resolve_references else {}
        for name, provisions in documents.items():
            for prov in provisions:
                heading = " — ".join(p for p in (prov.division, prov.heading) if p)
                states.setdefault(state, []).append(
                    Candidate(
                        id=f"{name}#{prov.eid}",
                        text=prov.text,
                        language=languages[name],
                        heading=heading,
                        context=contexts.get((name, prov.eid), ""),
                    )
                )
    return states


@dataclass(frozen=True, slots=True)
class LabelOutcome:
    label: Label
    targets: list[str]
    rank: int | None  # 1-based rank of the best target, None if not in the ranking
    top: list[str]


@dataclass(slots=True)
class EvalResult:
    outcomes: list[LabelOutcome]
    skipped: list[tuple[Label, str]]

    def recall(self, k: int, state: str | None = None) -> float:
        rows = [o for o in self.outcomes if state is None or o.label.state == state]
        if not rows:
            return 0.0
        return sum(1 for o in rows if o.rank is not None and o.rank <= k) / len(rows)

    def states(self) -> list[str]:
        return sorted({o.label.state for o in self.outcomes})


def evaluate(
    legislation_dir: Path,
    treaty_dir: Path | None = None,
    catalog: Path | None = None,
    options: RankingOptions = DEFAULT_OPTIONS,
    depth: int = 50,
) -> EvalResult:
    """Rank each confident label's State provisions for its Convention provision."""
    if catalog is not None and catalog.exists():
        treaties = load_catalog(catalog)
    elif treaty_dir is not None:
        treaties = load_treaties(treaty_dir)
    else:
        raise ValueError("need treaty_dir or an existing catalog")
    states = load_state_candidates(legislation_dir)
    indexes = {state: CandidateIndex(cands, options) for state, cands in states.items()}
    query_idf = background_idf(all_convention_texts(treaties), options)
    outcomes: list[LabelOutcome] = []
    skipped: list[tuple[Label, str]] = []
    for label in load_labels(legislation_dir / "labels.tsv"):
        ref = parse_convention_ref(label.convention)
        if ref is None or ref.article not in treaties.get(ref.instrument, {}):
            skipped.append((label, f"unparsed convention reference {label.convention!r}"))
            continue
        candidates = states.get(label.state, [])
        file_eids = [c.id.split("#", 1)[1] for c in candidates if c.id.startswith(label.file + "#")]
        targets = [
            f"{label.file}#{e}" for e in parse_provision_ref(label.national_provision, file_eids)
        ]
        if not targets:
            skipped.append((label, f"no provision found for {label.national_provision!r}"))
            continue
        ranking = indexes[label.state].rank(
            convention_text(treaties, ref), k=depth, query_idf=query_idf
        )
        ids = [s.candidate_id for s in ranking]
        ranks = [ids.index(t) + 1 for t in targets if t in ids]
        outcomes.append(
            LabelOutcome(
                label=label, targets=targets, rank=min(ranks) if ranks else None, top=ids[:5]
            )
        )
    return EvalResult(outcomes=outcomes, skipped=skipped)
