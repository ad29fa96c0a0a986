"""In-memory records shaped like ``tact generate``'s projects, for overlap benches.

``tact generate`` writes projects to the database; reading a million back takes a while. This
draws the same publishers' zipf shares, recipient countries (zipf over 200 states), start
years, texts and twins from :class:`tact.assistance.generate.Generator` and returns
:class:`ProjectRecord` values as :func:`tact.assistance.overlaps.records.project_records`
would read them (sectors, themes and implementers drawn from their own sequence).
"""

from __future__ import annotations

import random

from tact.assistance import generate as gen
from tact.assistance.overlaps.scoring import ProjectRecord


def registry_plan(seed: int, projects: int) -> gen.Plan:
    """The generator's plan without the database: 200 states, 12 themes, its publishers."""
    rng = random.Random(f"publishers:{seed}")
    pubs = []
    for rank in range(gen.publisher_count(projects)):
        type_, channel, _w = rng.choices(gen.KINDS, weights=[k[2] for k in gen.KINDS])[0]
        currency = rng.choices([c for c, _ in gen.CURRENCIES], [w for _, w in gen.CURRENCIES])[0]
        name = f"Generated publisher {rank + 1} ({seed})"
        pubs.append(gen.Publisher(f"XG-GEN{seed}-{rank + 1:04d}", name, type_, channel,
                                  currency, None))  # fmt: skip
    states = [(n, f"{chr(65 + n // 26)}{chr(65 + n % 26)}", f"State {n}") for n in range(200)]
    random.Random(f"plan:{seed}").shuffle(states)
    themes = list(range(1, 13))
    return gen.Plan(seed, pubs, gen.zipf_weights(len(pubs), 1.1), states,
                    gen.zipf_weights(len(states), 0.9), themes,
                    gen.zipf_weights(len(themes), 0.7))  # fmt: skip


def registry_records(
    projects: int, seed: int = 1
) -> tuple[list[ProjectRecord], list[tuple[str, str, str]]]:
    """(records, planted twins as (key before, twin key, kind))."""
    plan = registry_plan(seed, projects)
    maker = gen.Generator(plan)
    records: list[ProjectRecord] = []
    planted = []
    for number in range(1, projects + 1):
        rng = maker._rng(number)
        core = maker._core(rng)
        twin, title, description = maker._texts(number)
        if twin is not None:
            before = maker._core(maker._rng(number - 1))
            core.start, core.end, core.places = before.start, before.end, before.places
            if twin == "republished":
                core.pub = before.pub
        extra = random.Random(f"extra:{seed}:{number}")
        impl = extra.choice(gen.IMPLEMENTERS) if extra.random() < 0.7 else None
        sector = gen._pick(extra, gen.SECTORS, maker.sector_cum)
        themes = {str(gen._pick(extra, plan.themes, maker.theme_cum))
                  for _ in range(extra.choices((1, 2, 3), (50, 35, 15))[0])}  # fmt: skip
        where = ", ".join(p[2] for p in core.places[:2]) or "several regions"
        key = f"GEN-{seed}-{number:07d}"
        linked = frozenset({f"GEN-{seed}-{number - 1:07d}"}) if twin == "linked" else frozenset()
        if twin is not None:
            planted.append((f"GEN-{seed}-{number - 1:07d}", key, twin))
        records.append(ProjectRecord(
            key=key, identifier=key, reporting_org=core.pub.name,
            funders=frozenset({core.pub.name}),
            implementers=frozenset({impl[0]}) if impl else frozenset(),
            countries=frozenset(p[1] for p in core.places), sectors=frozenset({sector[0]}),
            topics=frozenset(themes), start=core.start, end=core.end, title=title,
            description=f"{description} Generated project (not a real record) in {where}.",
            linked_ids=linked,
        ))  # fmt: skip
    return records, planted
