"""Recall of legislation mapping suggestions on real laws with labelled pairs.

Why: the suggestion ranker (tact.legislation.text.suggest) is only useful if the provision a
reviewer would pick shows up near the top.  For every *confident* label in
/work/shared/data/legislation/labels.tsv we query with the cited Convention paragraph (or
article), rank all provisions of that State, and report recall@1/5/10 overall and per State,
plus the misses (label, rank, what came first) so the lexicon can be improved honestly.

Usage: .venv/bin/python bench/legislation_recall.py [--data DIR] [--treaties DIR]
       [--catalog PATH] [--no-cognates] [--verbose]
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from tact.legislation.text.evaluation import EvalResult, evaluate
from tact.legislation.text.suggest import DEFAULT_OPTIONS

DATA = Path("/work/shared/data/legislation")
TREATIES = Path("/work/shared/data/treaties")
CATALOG = Path(__file__).resolve().parents[1] / "src/tact/catalog/data/catalog.json"


def report(result: EvalResult, verbose: bool) -> None:
    n = len(result.outcomes)
    print(f"confident labels evaluated: {n} (skipped {len(result.skipped)})")
    print(f"{'scope':8} {'n':>3} {'R@1':>6} {'R@5':>6} {'R@10':>6}")
    scopes: list[str | None] = [None, *result.states()]
    for state in scopes:
        rows = [o for o in result.outcomes if state is None or o.label.state == state]
        print(
            f"{state or 'ALL':8} {len(rows):>3} {result.recall(1, state):6.3f} "
            f"{result.recall(5, state):6.3f} {result.recall(10, state):6.3f}"
        )
    for label, why in result.skipped:
        print(f"SKIPPED {label.national_provision} -> {label.convention}: {why}")
    misses = [o for o in result.outcomes if o.rank is None or o.rank > 5]
    print(f"\nmisses at 5: {len(misses)}")
    for o in misses:
        print(f"- {o.label.national_provision} -> {o.label.convention}: rank {o.rank}")
        print(f"    top: {', '.join(t.split('#', 1)[1] for t in o.top)}")
    if verbose:
        print("\nall outcomes:")
        for o in result.outcomes:
            print(f"  {o.rank!s:>4}  {o.label.national_provision} -> {o.label.convention}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--treaties", type=Path, default=TREATIES)
    parser.add_argument(
        "--catalog",
        type=Path,
        default=None,
        help=f"use the catalog JSON instead of the markdown (e.g. {CATALOG})",
    )
    parser.add_argument("--no-cognates", action="store_true")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    if not (args.data / "labels.tsv").exists():
        print(f"no labels at {args.data}", file=sys.stderr)
        return 2
    options = DEFAULT_OPTIONS
    if args.no_cognates:
        options = replace(options, cognate_weight=0.0)
    result = evaluate(args.data, args.treaties, catalog=args.catalog, options=options)
    source = args.catalog if args.catalog else args.treaties
    print(f"treaty texts: {source}\noptions: {options}")
    report(result, args.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
