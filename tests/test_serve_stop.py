"""Stopping `tact serve` stops its embedded task worker too (issue 18, item 9)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import copy_migrated

# The servers run on a SQLite data directory of their own, whatever the suite's engine.
pytestmark = [pytest.mark.slow, pytest.mark.engine_independent]


TACT = [sys.executable, "-m", "tact.cli"]


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found.extend(int(p) for p in text)
    return found


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "State:\tZ" not in status


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _env(data: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "TACT_DATA_DIR": str(data),
        "TACT_DEBUG": "1",
        "TACT_TASK_BACKEND": "database",
        "DJANGO_SETTINGS_MODULE": "tact.config.settings",
    }
    env.pop("TACT_DATABASE_URL", None)
    return env


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize(
    "signum",
    [
        signal.SIGTERM,
        signal.SIGINT,
    ],
    ids=["SIGTERM", "SIGINT"],
)
def test_stopping_serve_stops_its_worker(
    tmp_path: Path, migrated_data_dir: Path, signum: int
) -> None:
    data = tmp_path / "data"
    copy_migrated(migrated_data_dir, data)
    env = _env(data)
    tact = [sys.executable, "-m", "tact.cli"]
    serve = subprocess.Popen(
        [*tact, "serve", f"127.0.0.1:{_free_port()}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        workers: list[int] = []
        deadline = time.monotonic() + 60
        while not workers and time.monotonic() < deadline:
            time.sleep(0.5)
            workers = [
                pid
                for pid in _children(serve.pid)
                if b"db_worker" in Path(f"/proc/{pid}/cmdline").read_bytes()
            ]
        assert workers, "serve started no db_worker"
        time.sleep(2)  # the worker is up and polling its queue
        serve.send_signal(signum)
        serve.wait(timeout=60)
        deadline = time.monotonic() + 15
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert [pid for pid in workers if _alive(pid)] == []
    finally:
        if serve.poll() is None:
            serve.kill()


def test_prod_server_warms_once_before_its_workers_fork(
    tmp_path: Path, migrated_data_dir: Path
) -> None:
    """`serve --prod`: gunicorn loads and warms tact in its master (URLs, templates, the ECB
    rate book), once, so that its workers - recycled ones too - start warm; they answer."""
    import urllib.request

    data = tmp_path / "data"
    copy_migrated(migrated_data_dir, data)
    # A manifest, so that --prod does not collect every static file first (minutes).
    (data / "static").mkdir(exist_ok=True)
    (data / "static" / "staticfiles.json").write_text('{"paths": {}, "version": "1.1"}')
    port = _free_port()
    log = tmp_path / "gunicorn.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [*TACT, "serve", "--prod", "--workers", "2", f"127.0.0.1:{port}"],
            env=_env(data),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        status = 0
        deadline = time.monotonic() + 60
        while status != 200 and time.monotonic() < deadline:
            time.sleep(0.5)
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=5) as r:
                    status = r.status
            except OSError:
                continue
        assert status == 200
    finally:
        server.terminate()
        server.wait(timeout=60)
    # gunicorn stops with `tact serve` (it once stayed, orphaned, holding the port).
    deadline = time.monotonic() + 40
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=2):
                time.sleep(0.5)
        except OSError:
            break
    else:
        pytest.fail("gunicorn still answers after `tact serve --prod` was stopped")
    text = log.read_text()
    warmed = [line for line in text.splitlines() if "warmed:" in line]
    assert len(warmed) == 1, text[-3000:]  # in the master only, not once per worker
    assert "urls" in warmed[0] and "base.html" in warmed[0] and "ecb rates" in warmed[0]
