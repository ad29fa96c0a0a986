"""A server process warms itself before its workers fork (tact.core.warmup)."""

from __future__ import annotations

import pytest
from django.db import connection

from tact.assistance import money
from tact.core.warmup import warm


@pytest.mark.django_db(transaction=True)
def test_warm_loads_the_registered_tables_and_leaves_no_connection_open() -> None:
    money.rate_book.cache_clear()
    connection.ensure_connection()  # as if something had asked the database before
    done = warm()
    assert done[:2] == ["urls", "base.html"]
    assert "ecb rates" in done
    assert money.rate_book.cache_info().currsize == 1  # the book is in this process now
    # A forked worker must not share a connection (an in-memory SQLite test database is the
    # one connection Django never closes: its data would be gone).
    if not (connection.vendor == "sqlite" and connection.is_in_memory_db()):
        assert connection.connection is None
