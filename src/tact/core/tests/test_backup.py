from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from tact.directory import demo

pytestmark = pytest.mark.django_db(transaction=True)


def _counts() -> dict[str, int]:
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models()
        if m._meta.app_label not in {"contenttypes", "sessions", "admin"}
        and m._meta.label != "auth.Permission"
    }


def _wipe() -> None:
    from django.db import connection

    call_command("flush", interactive=False, verbosity=0)
    connection.close()


def test_backup_restores_into_an_empty_database_with_nothing_lost(tmp_path: Path) -> None:
    # given: reference data plus the demo records (users, contacts, audit entries)
    from tact.catalog.services import catalog_load
    from tact.directory.services import states_load

    catalog_load()
    states_load()
    demo.load()
    before = _counts()
    target = tmp_path / "tact-backup.tar.gz"
    # when
    call_command("backup", str(target))
    _wipe()
    assert sum(_counts().values()) == 0
    call_command("restore", str(target))
    # then
    assert _counts() == before
    from tact.accounts.models import User

    assert User.objects.get(username="focal.kenya").check_password(demo.DEMO_PASSWORD)


def test_restore_refuses_a_database_with_accounts_unless_replace(tmp_path: Path) -> None:
    from tact.accounts.models import User
    from tact.accounts.services import user_create

    user_create(actor=None, username="keeper", password="pw-for-tests-1", role="reader")
    target = tmp_path / "b.tar.gz"
    call_command("backup", str(target))
    user_create(actor=None, username="later", password="pw-for-tests-1", role="reader")
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(target))
    call_command("restore", str(target), replace=True)
    assert list(User.objects.values_list("username", flat=True)) == ["keeper"]


def test_restore_rejects_a_file_that_is_not_a_backup(tmp_path: Path, db: Any) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("hello")
    with pytest.raises(CommandError, match="not a tact backup"):
        call_command("restore", str(bad))
