"""The backup archive: a tar.gz with the records, the media they reference and a manifest.

Layout (format 2):
    manifest.json   {"format": 2, "created", "records": {model: count}, "data_sha256",
                     "files": {path under MEDIA_ROOT: sha256}, "missing": [paths]}
    data.json       every record (Django serialization, natural foreign keys)
    media/<path>    each uploaded file a record names

`tact restore` checks every count and checksum before it touches the database. Format 1
(a bare JSON or JSON.gz dump) is still read, without files.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import json
import tarfile
from collections import Counter
from pathlib import Path, PurePosixPath
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models

FORMAT = 2
# Rebuilt by `migrate`; dumping them would clash with the rows migrate creates. Derived data
# (settings.TACT_BACKUP_DERIVED: the search index) is left out and rebuilt by the restore
# (settings.TACT_RESTORE_REBUILD) so that the archive holds each fact once.
EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    *getattr(settings, "TACT_BACKUP_DERIVED", ()),
]


class BackupError(Exception):
    """The file is not a tact backup, or it fails its manifest."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def referenced_files(records: list[dict[str, Any]]) -> list[str]:
    """Storage names of every file a record's FileField points at."""
    names: set[str] = set()
    for record in records:
        try:
            model = apps.get_model(record["model"])
        except (LookupError, KeyError, ValueError):
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                value = record.get("fields", {}).get(field.name)
                if value:
                    names.add(str(value))
    return sorted(names)


def record_counts(records: list[dict[str, Any]]) -> dict[str, int]:
    return dict(sorted(Counter(str(r.get("model")) for r in records).items()))


def _safe_media_path(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(f"unsafe file name in backup: {name!r}")
    return path


def write_archive(target: Path, data: bytes) -> dict[str, Any]:
    """Write data.json, the referenced media and the manifest to `target` (tar.gz)."""
    records = json.loads(data)
    media_root = Path(settings.MEDIA_ROOT)
    files: dict[str, str] = {}
    missing: list[str] = []
    blobs: dict[str, bytes] = {}
    for name in referenced_files(records):
        path = media_root / _safe_media_path(name)
        if path.is_file():
            blob = path.read_bytes()
            files[name] = sha256(blob)
            blobs[name] = blob
        else:
            missing.append(name)
    manifest = {
        "format": FORMAT,
        "created": dt.datetime.now(dt.UTC).isoformat(),
        "records": record_counts(records),
        "data_sha256": sha256(data),
        "files": files,
        "missing": missing,
    }
    with tarfile.open(target, "w:gz") as tar:
        for member, blob in [
            ("manifest.json", json.dumps(manifest, indent=1).encode()),
            ("data.json", data),
            *((f"media/{name}", blobs[name]) for name in sorted(blobs)),
        ]:
            info = tarfile.TarInfo(member)
            info.size = len(blob)
            info.mode = 0o600
            tar.addfile(info, io.BytesIO(blob))
    return manifest


def read_archive(path: Path) -> tuple[bytes, dict[str, bytes], dict[str, Any] | None]:
    """(data.json bytes, {media name: bytes}, manifest) after checking every checksum."""
    raw = path.read_bytes()
    if not tarfile.is_tarfile(path):
        # Format 1: the JSON itself, maybe gzipped.
        if raw[:2] == b"\x1f\x8b":
            try:
                raw = gzip.decompress(raw)
            except (OSError, EOFError) as exc:
                raise BackupError("not a tact backup (broken gzip)") from exc
        return raw, {}, None
    members: dict[str, bytes] = {}
    try:
        with tarfile.open(path, "r:*") as tar:
            for info in tar.getmembers():
                if not info.isfile():
                    raise BackupError(f"unexpected entry in backup: {info.name!r}")
                handle = tar.extractfile(info)
                if handle is not None:
                    members[info.name] = handle.read()
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise BackupError(f"not a tact backup ({exc})") from exc
    if "manifest.json" not in members or "data.json" not in members:
        raise BackupError("not a tact backup (no manifest.json or data.json)")
    try:
        manifest = json.loads(members["manifest.json"])
    except ValueError as exc:
        raise BackupError("not a tact backup (manifest is not JSON)") from exc
    data = members["data.json"]
    if sha256(data) != manifest.get("data_sha256"):
        raise BackupError("data.json does not match the manifest checksum")
    media: dict[str, bytes] = {}
    for name, digest in manifest.get("files", {}).items():
        _safe_media_path(name)
        blob = members.get(f"media/{name}")
        if blob is None:
            raise BackupError(f"file listed in the manifest is missing: {name}")
        if sha256(blob) != digest:
            raise BackupError(f"file does not match its checksum: {name}")
        media[name] = blob
    extra = {m for m in members if m.startswith("media/")} - {f"media/{n}" for n in media}
    if extra:
        raise BackupError(f"files not listed in the manifest: {sorted(extra)[:3]}")
    return data, media, manifest
