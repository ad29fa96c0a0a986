"""tact overlaps [--threshold X] [--limit N] [--status S]: detect overlaps, print the top pairs.

Runs overlap detection over every project (idempotent: scores are refreshed, reviews kept),
then prints the best-scoring pairs with their reasons. ``--no-detect`` only prints.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tact.assistance.models import OverlapCandidate
from tact.assistance.overlaps import DEFAULT_THRESHOLD
from tact.assistance.overlaps.services import overlaps_detect
from tact.assistance.reasons import describe
from tact.core.access import SYSTEM


class Command(BaseCommand):
    help = "Detect possible overlaps and double counting between projects; print the top pairs."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--threshold",
            type=float,
            default=DEFAULT_THRESHOLD,
            help=f"Lowest score kept (0.45-1, default {DEFAULT_THRESHOLD})",
        )
        parser.add_argument("--limit", type=int, default=20, help="Pairs to print (default 20)")
        parser.add_argument(
            "--status",
            choices=OverlapCandidate.Review.values,
            default="",
            help="Print only pairs with this review status",
        )
        parser.add_argument(
            "--no-detect", action="store_true", help="Do not detect; print the stored pairs"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        threshold: float = options["threshold"]
        if options["limit"] < 0:
            raise CommandError("--limit must be 0 or more")
        if not options["no_detect"]:
            try:
                summary = overlaps_detect(actor=SYSTEM, threshold=threshold)
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from exc
            stats = summary.stats
            self.stdout.write(
                f"{summary.projects} projects, {stats.get('candidate_pairs', 0)} candidate pairs "
                f"compared, {summary.pairs} pairs >= {threshold} in {summary.clusters} clusters "
                f"({summary.created} new, {summary.updated} updated, {summary.retired} no longer "
                f"detected) in {stats.get('seconds', 0)} s"
            )
        pairs = OverlapCandidate.objects.filter(active=True, score__gte=threshold)
        if options["status"]:
            pairs = pairs.filter(status=options["status"])
        pairs = pairs.select_related("project_a", "project_b").order_by("-score", "pk")
        for pair in pairs[: options["limit"]]:
            self.stdout.write(
                f"\n{pair.score:.2f}  [{pair.get_status_display()}] {pair.get_kind_display()} "
                f"(#{pair.pk}, cluster {pair.cluster_key})"
            )
            for project in (pair.project_a, pair.project_b):
                self.stdout.write(f"  {project.iati_identifier}  {project.title}")
            for reason in describe(pair.reasons):
                detail = f": {reason['detail']}" if reason.get("detail") else ""
                self.stdout.write(f"    - {reason['label']}{detail}")
