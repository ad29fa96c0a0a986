"""The product's suggestion path (laws imported into the database, ranked by
`tact.legislation.suggestions.suggest`) measured on the real labelled laws of
../shared/data/legislation: recall@5 over the confident pairs, printed, aim >= 0.8.
Skipped where the shared data is absent (the product never needs it at run time).

The product targets catalog articles and numbered paragraphs; labels citing a lettered item of
an article without paragraphs (UNTOC art. 23(a), TIP art. 3(a)) are queried with the whole
article, which is why this figure is a little below the text-layer bench."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tact.catalog.models import Provision, ProvisionParagraph
from tact.core.access import SYSTEM
from tact.directory.models import State
from tact.legislation import suggestions
from tact.legislation.services import import_law
from tact.legislation.text.evaluation import load_labels, parse_convention_ref, parse_provision_ref

DATA = Path(__file__).resolve().parents[5] / "shared" / "data" / "legislation"

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.slow,
    pytest.mark.skipif(not (DATA / "labels.tsv").exists(), reason="shared legislation data absent"),
]


def test_recall_at_5_through_the_database(media: Any, capsys: Any) -> None:
    laws: dict[str, Any] = {}
    for path in sorted(DATA.glob("*.txt")):
        iso3, language = path.name.split("-")[:2]
        laws[path.name] = import_law(
            actor=SYSTEM,
            state=State.objects.get(iso3=iso3),
            data=path.read_bytes(),
            filename=path.name,
            language=language,
            title=path.stem,
        ).legal_text
    hits: dict[str, list[bool]] = {}
    for label in load_labels(DATA / "labels.tsv"):
        ref = parse_convention_ref(label.convention)
        assert ref is not None
        law = laws[label.file]
        eids = list(law.provisions.values_list("eid", flat=True))
        targets = set(parse_provision_ref(label.national_provision, eids))
        provision = Provision.objects.get(key=f"{ref.instrument}/art_{ref.article}")
        paragraph = (
            ProvisionParagraph.objects.filter(provision=provision, number=ref.paragraph).first()
            if ref.paragraph
            else None
        )
        rows = suggestions.suggest(SYSTEM, law.state, provision, paragraph, k=5)
        found = any(
            r.provision.legal_text_id == law.pk and r.provision.eid in targets for r in rows
        )
        hits.setdefault(label.state, []).append(found)
    total = [h for values in hits.values() for h in values]
    recall = sum(total) / len(total)
    with capsys.disabled():
        per_state = ", ".join(f"{s} {sum(v) / len(v):.3f}" for s, v in sorted(hits.items()))
        print(  # noqa: T201  (the figure the closing note reports)
            f"\nrecall@5 through the database: {recall:.3f} over {len(total)} pairs ({per_state})"
        )
    assert len(total) >= 60
    assert recall >= 0.8
