"""Need matching on plain records: ranking, reasons, state rule, unmet needs."""

from __future__ import annotations

import datetime as dt

from tact.assistance.needs.matching import CandidateRecord, NeedRecord, match_needs, unmet

TODAY = dt.date(2025, 6, 1)

WITNESSES = NeedRecord(
    key="n1",
    state="KE",
    title="Protection of witnesses in organized crime trials",
    description="Procedures to protect witnesses, relocation, testimony by video link.",
    provisions=frozenset({"untoc/art_24"}),
    themes=frozenset({"protection_of_victims_and_witnesses"}),
)
CULTURE = NeedRecord(
    key="n2",
    state="KE",
    title="Trafficking in cultural property",
    description="Customs training on looted antiquities.",
)


def candidates() -> list[CandidateRecord]:
    return [
        CandidateRecord(
            key="p-best",
            title="Witness protection in organized crime cases, Kenya",
            description="Relocation and video-link testimony for witnesses.",
            countries=frozenset({"KE"}),
            provisions=frozenset({"untoc/art_24", "untoc/art_25"}),
            themes=frozenset({"protection_of_victims_and_witnesses"}),
            start=dt.date(2024, 1, 1),
            end=dt.date(2026, 12, 31),
        ),
        CandidateRecord(
            key="p-old",
            title="Witness protection in organized crime cases, Kenya",
            countries=frozenset({"KE"}),
            provisions=frozenset({"untoc/art_24"}),
            start=dt.date(2012, 1, 1),
            end=dt.date(2014, 12, 31),
        ),
        CandidateRecord(
            key="p-global",
            kind="offer",
            title="Global programme on witness protection",
            themes=frozenset({"protection_of_victims_and_witnesses"}),
            start=dt.date(2026, 1, 1),
        ),
        CandidateRecord(
            key="p-mexico",
            title="Witness protection in organized crime cases, Mexico",
            countries=frozenset({"MX"}),
            provisions=frozenset({"untoc/art_24"}),
        ),
        CandidateRecord(
            key="p-unrelated",
            title="Firearms marking in Kenya",
            countries=frozenset({"KE"}),
            provisions=frozenset({"fp/art_8"}),
        ),
    ]


def test_projects_are_ranked_with_reasons_and_other_states_never_answer() -> None:
    ranked = match_needs([WITNESSES], candidates(), today=TODAY)["n1"]
    keys = [m.candidate for m in ranked]
    assert keys[0] == "p-best"
    assert "p-mexico" not in keys and "p-unrelated" not in keys
    assert keys.index("p-best") < keys.index("p-old")
    best = ranked[0]
    assert best.answers
    reason_codes = [r["code"] for r in best.reasons]
    assert reason_codes[0] == "same_state"
    assert {"shared_provisions", "shared_themes", "similar_text", "active"} <= set(reason_codes)
    glob = next(m for m in ranked if m.candidate == "p-global")
    assert glob.kind == "offer"
    assert glob.reasons[0]["code"] == "open_to_all"
    assert "planned" in [r["code"] for r in glob.reasons]


def test_a_need_nothing_answers_is_unmet() -> None:
    ranked = match_needs([WITNESSES, CULTURE], candidates(), today=TODAY)
    assert unmet(ranked) == ["n2"]


def test_limit_and_scores_are_sorted() -> None:
    ranked = match_needs([WITNESSES], candidates(), today=TODAY, limit=2)["n1"]
    assert len(ranked) == 2
    assert ranked[0].score >= ranked[1].score
