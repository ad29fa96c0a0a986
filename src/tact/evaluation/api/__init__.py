"""Results and evaluation over HTTP: frameworks, indicators and periods, evaluations with
ratings, findings and management responses, good-practice candidates, the portfolio.

One module per sub-area registers its operations on the one `router` of the app.
"""

# isort: off
# The modules register in this order, which is the order of the OpenAPI document.
from tact.evaluation.api._common import router
from tact.evaluation.api import frameworks
from tact.evaluation.api import evaluations
from tact.evaluation.api import portfolio

# isort: on

# Operation ids stay those of the single module this package replaced, so that clients
# generated from the OpenAPI document keep working.
for _path in router.path_operations.values():
    for _operation in _path.operations:
        _operation.operation_id = (
            _operation.operation_id or f"tact_evaluation_api_{_operation.view_func.__name__}"
        )

__all__ = ["evaluations", "frameworks", "portfolio", "router"]
