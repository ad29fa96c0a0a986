"""EXPLAIN the project list queries on PostgreSQL: no sequential scan on the project table.

    TACT_DATABASE_URL=postgres://postgres@127.0.0.1:5432/tact_x \\
        PYTHONPATH=src python bench/list_explain.py [N]

Fills the (migrated) database up to N projects (default 100,000) with plain SQL rows
(generate_series: titles, statuses, channels, one recipient country each, public or
restricted), runs ANALYZE, then prints for each list query the ORM sends (first page, next
page, filters by state, channel, status, theme, a common and a rare search word (trigram
indexes); and the capped counts)
its plan's scan nodes on ``assistance_project`` and the time, and a verdict.
"""

from __future__ import annotations

import os
import re
import sys
import time
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tact.config.settings")

import django

django.setup()

from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.db import connection  # noqa: E402

from tact.assistance import keyset, selectors  # noqa: E402
from tact.assistance.models import Project  # noqa: E402
from tact.core.access import SYSTEM  # noqa: E402

FILL = """
INSERT INTO assistance_project (
  created_at, updated_at, classification, owner_state_id, owner_organisation_id,
  created_by_id, iati_identifier, title, description, language, reporting_org_ref,
  reporting_org_name, reporting_org_type, status, default_currency, iati_version,
  collaboration_type, default_flow_type, default_finance_type, default_aid_type,
  crs_channel_code, channel_derived, channel_override, origin, iati_activity, is_demo)
SELECT now(), now() - (g || ' seconds')::interval,
  CASE WHEN g %% 10 = 0 THEN 'restricted' ELSE 'public' END, NULL, NULL, NULL,
  'XX-BENCH-' || g, 'Project ' || md5(g::text), 'Support', 'en', 'XX-' || (g %% 500),
  'Publisher ' || (g %% 500), '10', ((g %% 5) + 1)::text, 'USD', '2.03', '', '', '', '', '',
  (ARRAY['unodc','un_other','regional','bilateral','ngo_other'])[(g %% 5) + 1], '',
  'iati', '{}'::jsonb, false
FROM generate_series(%s, %s) AS g
"""
COUNTRIES = """
INSERT INTO assistance_projectcountry (project_id, code, state_id, percentage)
SELECT p.id, s.iso2, s.id, 100
FROM assistance_project p
JOIN LATERAL (
  SELECT id, iso2 FROM directory_state ORDER BY id OFFSET (p.id %% 150) LIMIT 1
) s ON true
WHERE p.iati_identifier LIKE 'XX-BENCH-%%'
  AND NOT EXISTS (SELECT 1 FROM assistance_projectcountry c WHERE c.project_id = p.id)
"""


def fill(target: int) -> None:
    have = Project.objects.count()
    if have >= target:
        return
    with connection.cursor() as cursor:
        cursor.execute(FILL, [have + 1, target])
        cursor.execute("SELECT count(*) FROM directory_state")
        if cursor.fetchone()[0]:
            cursor.execute(COUNTRIES, [])
        cursor.execute("ANALYZE")


def plan(qs: Any) -> tuple[str, float]:
    text = qs.explain(analyze=True)
    scans = sorted(
        set(re.findall(r"((?:Parallel )?(?:Seq|Index Only|Index|Bitmap Heap) Scan[^\n]*?"
                       r"on assistance_project\b(?: \w+)?)", text))
    )  # fmt: skip
    took = re.search(r"Execution Time: ([\d.]+) ms", text)
    return "; ".join(s.split(" on ")[0] + (" " + s.split()[-1] if "using" in s else "")
                     for s in scans) or "(no scan of the project table)", float(
        took.group(1) if took else 0)  # fmt: skip


def main() -> None:
    if connection.vendor != "postgresql":
        sys.exit("PostgreSQL only (set TACT_DATABASE_URL)")
    target = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    started = time.perf_counter()
    fill(target)
    print(f"{Project.objects.count()} projects (filled in {time.perf_counter() - started:.1f} s)")
    anonymous = AnonymousUser()
    first = keyset.keyset_page(selectors.project_list(anonymous), ("title", "pk"), count=False)
    cases = {
        "list, anonymous, page 1": selectors.project_list(anonymous).order_by("title", "pk")[:51],
        "list, secretariat, page 1": selectors.project_list(SYSTEM).order_by("title", "pk")[:51],
        "list, anonymous, next page": selectors.project_list(anonymous)
        .filter(
            keyset._after(
                ("title", "pk"),
                keyset.decode_cursor(first.next_cursor, 2) or ["", 0],
                reverse=False,
            )
        )
        .order_by("title", "pk")[:51],
        "list, state=KEN": selectors.project_list(anonymous, state="KEN").order_by("title", "pk")[
            :51
        ],
        "list, channel=unodc": selectors.project_list(anonymous, channel="unodc").order_by(
            "title", "pk"
        )[:51],
        "list, status=2": selectors.project_list(anonymous, status="2").order_by("title", "pk")[
            :51
        ],
        "list, q=trafficking": selectors.project_list(anonymous, q="trafficking").order_by(
            *selectors.project_order("trafficking")
        )[:51],
        "capped count, q=trafficking": selectors.project_list(anonymous, q="trafficking")
        .order_by("pk")
        .values("pk")[:1001],
        "list, q=rare word": selectors.project_list(anonymous, q="zanzibarqx").order_by(
            *selectors.project_order("zanzibarqx")
        )[:51],
        "capped count, q=rare word": selectors.project_list(anonymous, q="zanzibarqx")
        .order_by("pk")
        .values("pk")[:1001],
        "capped count": selectors.project_list(anonymous).order_by("pk").values("pk")[:1001],
    }
    bad = 0
    for name, qs in cases.items():
        scans, ms = plan(qs)
        bad += "Seq Scan" in scans
        print(f"{name:28} {ms:8.1f} ms  {scans}")
    print("no sequential scan on the project table" if not bad else f"{bad} sequential scans")


if __name__ == "__main__":
    main()
