"""The method arithmetic recomputed independently: the methods reference's worked example,
hand-computed totals and ranges, the reference's own sketch on random ratings, rank order
and tie-break, the not-separable flag, the gaps list, trend and the cell table."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from tact.threats import methods, presets

SLEIPNIR = methods.parse(presets.SLEIPNIR)
CODES = [a.code for a in SLEIPNIR.attributes]


def _nil(**cells: str) -> dict[str, str]:
    ratings = dict.fromkeys(CODES, "N")
    ratings.update(cells)
    return ratings


def test_the_shipped_matrix_has_the_19_attributes_with_reverse_rank_weights() -> None:
    assert len(SLEIPNIR.attributes) == 19
    assert (SLEIPNIR.attributes[0].name, SLEIPNIR.attributes[0].weight) == ("Corruption", 19)
    assert (SLEIPNIR.attributes[-1].name, SLEIPNIR.attributes[-1].weight) == (
        "Links to Criminal Extremist Groups",
        1,
    )
    assert sum(a.weight for a in SLEIPNIR.attributes) == 190
    assert methods.max_total(SLEIPNIR) == 760  # 4 x 190, as the reference says


def test_worked_example_of_the_methods_reference() -> None:
    # Monopoly (P=5) High = 20; Intelligence Use (P=10) Medium = 20; Violence (P=18) Low = 18.
    for cells, expected in (
        ({"monopoly": "H"}, 20),
        ({"intelligence_use": "M"}, 20),
        ({"violence": "L"}, 18),
        ({"monopoly": "H", "intelligence_use": "M", "violence": "L"}, 58),
    ):
        result = methods.score(SLEIPNIR, "g", _nil(**cells))
        assert result.total == expected
        assert (result.low, result.high) == (expected, expected)


def test_unknown_scores_as_medium_and_ranges_from_nil_to_high() -> None:
    result = methods.score(SLEIPNIR, "g", _nil(corruption="U", violence="H", monopoly="U"))
    # 2x19 + 4x18 + 2x5 = 120; low: 0 + 72 + 0 = 72; high: 76 + 72 + 20 = 168
    assert (result.total, result.low, result.high) == (120, 72, 168)
    assert result.unknown == ("corruption", "monopoly")
    assert result.unknown_weight == 24
    assert result.unknown_share == Decimal(24) / Decimal(190)


def test_an_unrated_cell_counts_as_unknown() -> None:
    ratings = _nil()
    del ratings["strategy"]  # weight 13
    result = methods.score(SLEIPNIR, "g", ratings)
    assert (result.total, result.low, result.high) == (26, 0, 52)
    assert result.unknown == ("strategy",)


def _reference_sketch(ratings: dict[str, str]) -> dict[str, object]:
    """The [DESIGN] sketch of the methods reference, copied as written (own weights)."""
    names = presets.SLEIPNIR_ATTRIBUTES
    weight = {n: 19 - i for i, n in enumerate(names)}
    value = {"H": 4, "M": 2, "L": 1, "N": 0, "U": 2}
    by_name = {n: ratings[c] for n, c in zip(names, CODES, strict=True)}
    total = sum(value[by_name[a]] * weight[a] for a in names)
    unk = [a for a in names if by_name[a] == "U"]
    return {
        "total": total,
        "min": total - sum(2 * weight[a] for a in unk),
        "max": total + sum(2 * weight[a] for a in unk),
        "share": sum(weight[a] for a in unk) / 190,
    }


def test_scores_agree_with_the_reference_sketch_on_random_groups() -> None:
    rng = random.Random(20261202)
    for _ in range(200):
        ratings = {c: rng.choice("HMLNU") for c in CODES}
        ours = methods.score(SLEIPNIR, "g", ratings)
        theirs = _reference_sketch(ratings)
        assert (ours.total, ours.low, ours.high) == (theirs["total"], theirs["min"], theirs["max"])
        assert float(ours.unknown_share) == pytest.approx(theirs["share"])


def test_rank_order_ties_and_overlapping_ranges() -> None:
    scores = [
        methods.score(SLEIPNIR, "WORKED", _nil(monopoly="H", intelligence_use="M", violence="L")),
        methods.score(SLEIPNIR, "UNSURE", _nil(corruption="U")),  # 38, range 0..76
        methods.score(SLEIPNIR, "TOP", dict.fromkeys(CODES, "H")),  # 760
        methods.score(SLEIPNIR, "TIE-B", _nil(expertise="L", continuity="L")),  # 16 + 3 = 19
        methods.score(SLEIPNIR, "TIE-A", _nil(corruption="L")),  # 19
    ]
    rows = methods.rank(scores)
    assert [(r.rank, r.subject, r.score.total) for r in rows] == [
        (1, "TOP", 760),
        (2, "WORKED", 58),
        (3, "UNSURE", 38),
        (4, "TIE-A", 19),  # equal totals: Corruption is compared first
        (5, "TIE-B", 19),
    ]
    flags = {r.subject: r.not_separable_from for r in rows}
    assert flags["TOP"] == ()
    assert flags["WORKED"] == ("UNSURE",)  # 58 lies inside 0..76
    assert set(flags["UNSURE"]) == {"WORKED", "TIE-A", "TIE-B"}
    assert set(flags["TIE-A"]) == {"UNSURE", "TIE-B"}  # equal points overlap
    assert methods.not_separable_pairs(rows) == [
        ("WORKED", "UNSURE"),
        ("UNSURE", "TIE-A"),
        ("UNSURE", "TIE-B"),
        ("TIE-A", "TIE-B"),
    ]


def test_gaps_are_the_unknown_attributes_weighted_by_importance() -> None:
    scores = [
        methods.score(SLEIPNIR, "A", _nil(violence="U", monopoly="U")),
        methods.score(SLEIPNIR, "B", _nil(monopoly="U", continuity="U")),
        methods.score(SLEIPNIR, "C", _nil()),
    ]
    gaps = methods.gaps(SLEIPNIR, scores)
    # importance = weight x subjects: Violence 18x1, Monopoly 5x2, Continuity 3x1
    assert [(g.name, g.weight, g.subjects, g.importance) for g in gaps] == [
        ("Violence", 18, ("A",), 18),
        ("Monopoly", 5, ("A", "B"), 10),
        ("Continuity", 3, ("B",), 3),
    ]


def test_trend_names_who_moved_and_who_is_new_or_gone() -> None:
    before = methods.rank(
        [
            methods.score(SLEIPNIR, "A", _nil(corruption="H")),
            methods.score(SLEIPNIR, "B", _nil(violence="H")),
            methods.score(SLEIPNIR, "GONE", _nil()),
        ]
    )
    after = methods.rank(
        [
            methods.score(SLEIPNIR, "A", _nil(corruption="L")),
            methods.score(SLEIPNIR, "B", _nil(violence="H")),
            methods.score(SLEIPNIR, "NEW", _nil()),
        ]
    )
    moves = {m.subject: (m.previous_rank, m.rank, m.change) for m in methods.trend(before, after)}
    assert moves == {
        "B": (2, 1, "up"),
        "A": (1, 2, "down"),
        "NEW": (None, 3, "new"),
        "GONE": (3, None, "gone"),
    }


def test_cell_table_places_subjects_with_icd203_words() -> None:
    definition = methods.parse(presets.LIKELIHOOD_IMPACT)
    likelihood = definition.attribute("likelihood")
    assert likelihood is not None
    words = [(lv.label, lv.lower_pct, lv.upper_pct) for lv in definition.levels(likelihood)]
    assert words[4] == ("Likely", 55, 80)
    assert len(words) == 7
    placed = methods.place(definition, "M", {"likelihood": "very_likely", "impact": "4"})
    assert placed is not None
    assert (placed.likelihood, placed.impact) == (5, 3)
    assert placed.band.code == presets.LIKELIHOOD_IMPACT["matrix"]["cells"][5][3]
    assert methods.place(definition, "M", {"likelihood": "likely"}) is None


def test_a_bad_definition_lists_every_problem() -> None:
    with pytest.raises(methods.DefinitionError) as caught:
        methods.parse(
            {
                "rule": "magic",
                "scales": {"s": [{"code": "A", "value": 5, "min": 6}]},
                "attributes": [
                    {"code": "x", "weight": -1, "scale": "s"},
                    {"code": "x", "weight": 1, "scale": "missing"},
                ],
            }
        )
    problems = caught.value.problems
    assert len(problems) == 5
    assert any("rule" in p for p in problems)
    assert any("min <= value <= max" in p for p in problems)
