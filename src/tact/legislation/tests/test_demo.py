from typing import Any

import pytest

from tact.core.access import SYSTEM
from tact.legislation import demo
from tact.legislation.models import (
    LegalProvision,
    LegalText,
    ProvisionMapping,
    VictimWitnessFeature,
)


@pytest.mark.django_db
def test_demo_loads_and_is_idempotent(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    first = demo.load(SYSTEM)
    counts = (
        LegalText.objects.count(),
        LegalProvision.objects.count(),
        ProvisionMapping.objects.count(),
        VictimWitnessFeature.objects.count(),
    )
    second = demo.load(SYSTEM)
    assert first == second
    assert counts == (
        LegalText.objects.count(),
        LegalProvision.objects.count(),
        ProvisionMapping.objects.count(),
        VictimWitnessFeature.objects.count(),
    )
    assert counts[0] == 3 and counts[2] >= 10
    ken = LegalText.objects.get(state__iso3="KEN")
    assert ken.frbr_work_uri == "/akn/ke/act/2006/16"
    assert ken.source_format == "akn"
