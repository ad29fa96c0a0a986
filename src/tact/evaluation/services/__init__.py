"""Writes for results and evaluation: every change is checked (`evaluation.permissions`),
atomic and audited. One module per sub-area; the names are re-exported here so callers
write `services.framework_create(...)`."""

from tact.evaluation.services.evaluations import (
    EVALUATION_M2M,
    document_add,
    evaluation_create,
    evaluation_update,
    finding_create,
    finding_delete,
    finding_update,
    good_practice_problems,
    good_practice_propose,
    good_practice_withdraw,
    rating_set,
    response_save,
)
from tact.evaluation.services.frameworks import (
    framework_create,
    framework_update,
    node_create,
    node_delete,
    node_update,
    strategy_create,
)
from tact.evaluation.services.indicators import (
    indicator_create,
    indicator_update,
    period_delete,
    period_save,
)
from tact.evaluation.services.scales import DEFAULT_SCALES, ensure_default_scales, scale_save

__all__ = [
    "DEFAULT_SCALES",
    "EVALUATION_M2M",
    "document_add",
    "ensure_default_scales",
    "evaluation_create",
    "evaluation_update",
    "finding_create",
    "finding_delete",
    "finding_update",
    "framework_create",
    "framework_update",
    "good_practice_problems",
    "good_practice_propose",
    "good_practice_withdraw",
    "indicator_create",
    "indicator_update",
    "node_create",
    "node_delete",
    "node_update",
    "period_delete",
    "period_save",
    "rating_set",
    "response_save",
    "scale_save",
    "strategy_create",
]
