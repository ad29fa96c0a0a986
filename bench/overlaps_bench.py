"""Overlap detection at scale: time, candidate pairs, and recall against brute force.

    .venv/bin/python bench/overlaps_bench.py [--sizes 10000 100000] [--sample 200 40] [--registry]

For each size, generates that many synthetic activities with planted twins
(:mod:`tact.assistance.overlaps.generate`: linked, unlinked, and republished by the same
publisher), runs blocked detection, and prints

* detection time (seconds, wall clock, including tokenising) and candidate pairs compared;
* pairs found at the threshold, and how many planted twins are among them;
* recall against brute force: for a random sample of records, every pair (sampled record,
  any record) is evaluated without blocking; recall = share of those pairs at or above the
  threshold that blocked detection also found.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time

import django

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tact.config.settings")
django.setup()

from tact.assistance.overlaps import (  # noqa: E402
    DEFAULT_THRESHOLD,
    detect_overlaps,
    recall_against_brute_force,
)
from tact.assistance.overlaps.generate import Generated, generate_records  # noqa: E402

sys.path.insert(0, os.path.dirname(__file__))
from overlaps_registry import registry_records  # noqa: E402


def run(size: int, sample_size: int, threshold: float, seed: int, registry: bool) -> None:
    started = time.perf_counter()
    if registry:  # shaped like ``tact generate``: zipf-skewed countries and publishers
        generated = Generated(*registry_records(size, seed=seed))
    else:
        generated = generate_records(size, seed=seed)
    generated_in = time.perf_counter() - started
    started = time.perf_counter()
    result = detect_overlaps(generated.records, threshold=threshold, max_block=MAX_BLOCK[0])
    detected_in = time.perf_counter() - started
    found = {frozenset((p.a, p.b)) for p in result.pairs}
    planted = [frozenset((a, b)) for a, b, _kind in generated.planted]
    planted_found = sum(1 for pair in planted if pair in found)
    n = len(generated.records)
    all_pairs = n * (n - 1) // 2
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS after detection: {peak:,.0f} MiB (all records held in memory)")
    print(f"\n== {n:,} activities (generated in {generated_in:.1f} s, seed {seed}) ==")
    tokenising = result.stats["prepare_seconds"]
    print(f"detection time:        {detected_in:.1f} s (tokenising {tokenising} s)")
    print(
        f"candidate pairs:       {result.stats['candidate_pairs']:,} "
        f"({result.stats['candidate_pairs'] / all_pairs:.5%} of {all_pairs:,} pairs); "
        f"scored in full: {result.stats['scored_pairs']:,}"
    )
    print(
        f"pairs >= {threshold}:          {len(result.pairs):,} "
        f"in {len(result.clusters):,} clusters; "
        f"capped posting entries: {result.stats['capped_postings']}"
    )
    print(f"planted twins found:   {planted_found:,} / {len(planted):,}")
    sample = random.Random(seed).sample(range(n), min(sample_size, n))
    started = time.perf_counter()
    recall, reference, hit = recall_against_brute_force(
        generated.records, result, sample, threshold=threshold
    )
    brute_in = time.perf_counter() - started
    print(
        f"recall vs brute force: {recall:.4f} ({hit} of {reference} pairs >= {threshold} "
        f"among {len(sample)} sampled records x {n:,}; brute force took {brute_in:.1f} s)"
    )


MAX_BLOCK = [5000]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--sample", type=int, nargs="+", default=[1000, 300])
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--max-block", type=int, default=5000, help="posting-list cap (detect_overlaps)"
    )
    parser.add_argument(
        "--registry", action="store_true", help="records shaped like tact generate's projects"
    )
    args = parser.parse_args()
    MAX_BLOCK[0] = args.max_block
    samples = args.sample + [args.sample[-1]] * (len(args.sizes) - len(args.sample))
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")
    for size, sample in zip(args.sizes, samples, strict=False):
        run(size, sample, args.threshold, args.seed, args.registry)


if __name__ == "__main__":
    main()
