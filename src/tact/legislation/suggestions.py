"""Suggestions in the product: rank a state's provisions (in the database) for one Convention
article or paragraph with the lexical ranker of :mod:`tact.legislation.text.suggest`.

The query text comes from the catalog shipped with tact (its English text, split into
paragraphs exactly like the bench does); the background IDF over every Convention/Protocol
provision is computed once per process.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from tact.catalog.models import Provision, ProvisionParagraph
from tact.directory.models import State
from tact.legislation import selectors
from tact.legislation.models import LegalProvision, SuggestionDecision
from tact.legislation.text.concepts import concept_by_id
from tact.legislation.text.evaluation import (
    ConventionRef,
    TreatyArticle,
    all_convention_texts,
    convention_text,
    load_catalog,
)
from tact.legislation.text.references import reference_context
from tact.legislation.text.splitter import SplitProvision
from tact.legislation.text.suggest import Candidate, CandidateIndex, ConventionText, background_idf

CATALOG_JSON = Path(__file__).resolve().parent.parent / "catalog" / "data" / "catalog.json"


@lru_cache(maxsize=1)
def _treaties() -> dict[str, dict[str, TreatyArticle]]:
    return load_catalog(CATALOG_JSON)


@lru_cache(maxsize=1)
def _query_idf() -> dict[str, float]:
    return background_idf(all_convention_texts(_treaties()))


def query_for(provision: Provision, paragraph: ProvisionParagraph | None = None) -> ConventionText:
    treaties = _treaties()
    code = provision.instrument.code
    article = str(provision.number)
    if paragraph is not None and paragraph.is_item:
        # A lettered sub-item (art. 3(a)) is queried with its own words, not its paragraph's.
        number, _, item = paragraph.number.partition("(")
        if code in treaties and article in treaties[code]:
            ref = ConventionRef(code, article, number or None, item.rstrip(")"))
            return dataclasses.replace(convention_text(treaties, ref), text=paragraph.text)
    if code in treaties and article in treaties[code]:
        ref = ConventionRef(code, article, paragraph.number if paragraph else None, None)
        return convention_text(treaties, ref)
    text = paragraph.text if paragraph else provision.text
    return ConventionText(
        instrument=provision.instrument.short_title,
        article=article,
        title=provision.titles.get("en", ""),
        text=text,
    )


@dataclass
class SuggestionRow:
    rank: int
    provision: LegalProvision
    score: float
    concepts: list[str] = field(default_factory=list)
    decision: str = ""
    mapped: bool = False


def _candidates(provisions: list[LegalProvision]) -> list[Candidate]:
    documents: dict[str, list[SplitProvision]] = {}
    languages: dict[str, str] = {}
    for p in provisions:
        key = str(p.legal_text_id)
        languages[key] = p.legal_text.language
        documents.setdefault(key, []).append(
            SplitProvision(
                eid=p.eid,
                label=p.label,
                heading=p.heading,
                text=p.body,
                order=p.order,
                num=p.number,
                division=p.division,
            )
        )
    contexts = reference_context(documents, languages)
    return [
        Candidate(
            id=str(p.pk),
            text=p.body,
            language=p.legal_text.language,
            heading=" — ".join(x for x in (p.division, p.heading) if x),
            context=contexts.get((str(p.legal_text_id), p.eid), ""),
        )
        for p in provisions
    ]


def suggest(
    user: Any,
    state: State,
    provision: Provision,
    paragraph: ProvisionParagraph | None = None,
    k: int = 10,
) -> list[SuggestionRow]:
    """The state's provisions (that the user may see) most likely to implement the target."""
    provisions = list(selectors.state_provisions(user, state))
    if not provisions:
        return []
    index = CandidateIndex(_candidates(provisions))
    ranking = index.rank(query_for(provision, paragraph), k=k, query_idf=_query_idf())
    by_id = {str(p.pk): p for p in provisions}
    decisions = dict(
        SuggestionDecision.objects.filter(
            convention_provision=provision,
            paragraph=paragraph,
            legal_provision_id__in=[int(s.candidate_id) for s in ranking],
        ).values_list("legal_provision_id", "decision")
    )
    mapped = set(
        selectors.mappings_visible(user)
        .filter(convention_provision=provision, paragraph=paragraph, state=state)
        .values_list("legal_provision_id", flat=True)
    )
    rows: list[SuggestionRow] = []
    for rank, item in enumerate(ranking, start=1):
        prov = by_id[item.candidate_id]
        rows.append(
            SuggestionRow(
                rank=rank,
                provision=prov,
                score=item.score,
                concepts=[_concept_label(c) for c in item.matched_concepts[:5]],
                decision=decisions.get(prov.pk, ""),
                mapped=prov.pk in mapped,
            )
        )
    return rows


def _concept_label(concept_id: str) -> str:
    try:
        return concept_by_id(concept_id).label
    except KeyError:
        return concept_id


@dataclass
class TargetRow:
    provision: Provision
    rank: int
    score: float
    concepts: list[str] = field(default_factory=list)


def suggest_targets(user: Any, legal_provision: LegalProvision, k: int = 8) -> list[TargetRow]:
    """Reverse view: Convention articles for which this national provision ranks among the
    state's top 3 candidates, strongest match (BM25 score) first."""
    state = legal_provision.legal_text.state
    provisions = list(selectors.state_provisions(user, state))
    if not provisions:
        return []
    index = CandidateIndex(_candidates(provisions))
    wanted = str(legal_provision.pk)
    rows: list[TargetRow] = []
    idf = _query_idf()
    for article in Provision.objects.select_related("instrument").exclude(
        category=Provision.Category.FINAL
    ):
        ranking = index.rank(query_for(article), k=3, query_idf=idf)
        for rank, item in enumerate(ranking, start=1):
            if item.candidate_id == wanted:
                rows.append(
                    TargetRow(
                        provision=article,
                        rank=rank,
                        score=item.score,
                        concepts=[_concept_label(c) for c in item.matched_concepts[:4]],
                    )
                )
    rows.sort(key=lambda r: (-r.score, r.rank))
    return rows[:k]
