"""Queries compiled once and run again with a new key give what their querysets give."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.models import Count, Prefetch
from django.test.utils import CaptureQueriesContext

from tact.core.prepared import Prepared

pytestmark = pytest.mark.django_db


def _values(obj: Any) -> dict[str, Any]:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


@pytest.fixture
def groups() -> list[Group]:
    permissions = list(Permission.objects.order_by("pk")[:9])
    made = []
    for n, chosen in enumerate([permissions[:5], permissions[3:9], []]):
        group = Group.objects.create(name=f"group {n}")
        group.permissions.set(chosen)
        made.append(group)
    return made


# A many-to-many seen from its other side, a join for select_related, and an ordering that
# joins a third table (Permission orders by its content type's app label and model).
PERMISSIONS = Prepared(
    lambda key: Permission.objects.filter(group__id=key).select_related("content_type")
)


def test_rows_equal_the_querysets_in_order_with_their_related_records(
    groups: list[Group],
) -> None:
    for group in groups:
        expected = list(group.permissions.select_related("content_type"))
        with CaptureQueriesContext(connection) as queries:
            got = PERMISSIONS(group.pk)
            related = [p.content_type.model for p in got]  # no query: already joined
        assert len(queries) == 1
        assert [_values(p) for p in got] == [_values(p) for p in expected]
        assert related == [p.content_type.model for p in expected]
        assert all(not p._state.adding and p._state.db == "default" for p in got)
    assert PERMISSIONS(10**9) == []


def test_values_are_converted_as_the_orm_converts_them() -> None:
    """Dates, booleans and annotations come back as the queryset's own values would."""
    User = get_user_model()  # noqa: N806 (a model class)
    user = User.objects.create_user("ana", email="ana@example.org", is_staff=True)
    users = Prepared(lambda key: User.objects.filter(pk=key))
    flags = Prepared(
        lambda key: (
            User.objects.filter(pk=key)
            .annotate(groups_held=Count("groups"))
            .values_list("is_staff", "date_joined", "groups_held")
        )
    )
    [got] = users(user.pk)
    assert _values(got) == _values(User.objects.get(pk=user.pk))
    assert flags(user.pk) == list(
        User.objects.filter(pk=user.pk)
        .annotate(groups_held=Count("groups"))
        .values_list("is_staff", "date_joined", "groups_held")
    )
    assert flags(user.pk)[0][0] is True


@pytest.mark.django_db(transaction=True)
def test_compiled_once_and_safe_across_threads(groups: list[Group]) -> None:
    built = []

    def build(key: Any) -> Any:
        built.append(key)
        return Permission.objects.filter(group__id=key)

    prepared = Prepared(build)
    for group in groups:
        assert [p.pk for p in prepared(group.pk)] == [p.pk for p in group.permissions.all()]
    assert len(built) == 1  # compiled with the sentinel, once

    results: list[list[int]] = []

    def read() -> None:
        try:
            results.append([p.pk for p in prepared(groups[1].pk)])
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=read) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [[p.pk for p in groups[1].permissions.all()]] * 4


def test_shapes_it_cannot_reproduce_are_refused(groups: list[Group]) -> None:
    with pytest.raises(ValueError, match="not a parameter"):
        Prepared(lambda key: Group.objects.all())(groups[0].pk)
    with pytest.raises(ValueError, match="prefetch"):
        Prepared(lambda key: Group.objects.filter(pk=key).prefetch_related("permissions"))(1)
    with pytest.raises(ValueError, match="prefetch"):
        Prepared(
            lambda key: Group.objects.filter(pk=key).prefetch_related(Prefetch("permissions"))
        )(1)
    with pytest.raises(ValueError, match="model instances or values_list"):
        Prepared(lambda key: Group.objects.filter(pk=key).values("name"))(1)
