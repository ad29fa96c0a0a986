"""Summaries at scale: rebuild time, then the aggregate reads the pages make.

    TACT_DATABASE_URL=... PYTHONPATH=src python bench/summaries_bench.py

Run after bench/list_explain.py has filled the database (or on any database with projects).
"""

from __future__ import annotations

import os
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tact.config.settings")

import django

django.setup()

from django.contrib.auth.models import AnonymousUser  # noqa: E402

from tact.assistance import dashboards, summaries  # noqa: E402
from tact.assistance.models import Project  # noqa: E402
from tact.assistance.summary_models import AssistanceSummary, SummaryFact  # noqa: E402
from tact.directory.models import State  # noqa: E402


def timed(name: str, call: object) -> None:
    started = time.perf_counter()
    call()  # type: ignore[operator]
    print(f"{name:34} {(time.perf_counter() - started) * 1000:9.1f} ms")


def main() -> None:
    started = time.perf_counter()
    n = summaries.rebuild()
    print(
        f"rebuild: {n} projects -> {SummaryFact.objects.count()} facts, "
        f"{AssistanceSummary.objects.count()} summary rows in {time.perf_counter() - started:.1f} s"
    )
    anonymous = AnonymousUser()
    kenya = State.objects.get(iso3="KEN")
    timed("matrix (funders)", lambda: dashboards.who_does_what_where(anonymous))
    timed("matrix, theme filter", lambda: dashboards.who_does_what_where(anonymous, theme="x"))
    timed("map data", lambda: dashboards.map_data(anonymous))
    timed("recipient dashboard KEN", lambda: dashboards.recipient_summary(anonymous, kenya))
    timed("overview (index page)", lambda: dashboards.overview(anonymous))
    one = Project.objects.order_by("pk").first()
    if one is not None:
        one.classification = "restricted"
        timed("one project edit + refresh", one.save)


if __name__ == "__main__":
    main()
