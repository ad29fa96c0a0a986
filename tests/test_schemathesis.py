"""Schemathesis against tact's own OpenAPI schema (issue 18, item 3).

Every operation, as an authenticated secretariat, through the WSGI application (no network):
no response may be a server error, and every documented response must match its schema.
Fixed seed (derandomized Hypothesis), at least 2,000 cases in all.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import response_schema_conformance

pytestmark = pytest.mark.slow

EXAMPLES_PER_OPERATION = 30
MIN_CASES = 2000
# The operations are shared out among SHARDS tests (every SHARDS-th operation in each), so
# that the parallel workers share them.
SHARDS = 4


@pytest.fixture
def connections_kept_open() -> Any:
    """Keep the test's database connection across requests, as Django's test client does.

    The WSGI handler closes old connections on request_started/finished; on PostgreSQL that closes
    the connection holding the test transaction, and every later query fails.
    """
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.parametrize("shard", range(SHARDS))
def test_every_operation_survives_schemathesis(
    shard: int, secretariat: Any, token_for: Any, connections_kept_open: None
) -> None:
    from tact.config.wsgi import application

    headers = {"Authorization": token_for(secretariat)["HTTP_AUTHORIZATION"]}
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    cases = 0
    operations = 0
    failures: list[str] = []
    for index, result in enumerate(schema.get_all_operations()):
        if index % SHARDS != shard:
            continue
        operations += 1
        cases += _fuzz(result.ok(), headers, failures)
    print(f"schemathesis shard {shard}: {operations} operations, {cases} cases")
    print(f"failures: {len(failures)}")
    assert failures == []
    assert operations >= 90 // SHARDS
    assert cases >= MIN_CASES // SHARDS


def _fuzz(operation: Any, headers: dict[str, str], failures: list[str]) -> int:
    """Run one operation's cases; append each distinct failure; return the number of cases."""
    cases = 0
    seen: set[str] = set()

    @given(case=operation.as_strategy(GenerationMode.POSITIVE))
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        nonlocal cases
        cases += 1
        response = case.call(headers=headers)
        try:
            case.validate_response(
                response, checks=[not_a_server_error, response_schema_conformance]
            )
        except (Failure, FailureGroup) as exc:  # collected: one run reports every operation
            found = exc.exceptions if isinstance(exc, FailureGroup) else (exc,)
            message = " | ".join(" ".join(str(f).split())[:240] for f in found)
            if message not in seen:
                seen.add(message)
                failures.append(
                    f"{operation.label}: {response.status_code} {message} "
                    f"[{case.query} {str(case.body)[:120]}]"
                )

    run()
    return cases
