"""Backup and restore of a whole site in one file: the database (PostgreSQL's pg_dump custom
format, or SQLite's online backup) and the media folders (images, documents, private uploads).

The archive is a .tar.gz with ``manifest.json``, ``database.dump`` or ``database.sqlite3``,
``media/`` and ``private/``. Restoring goes into an empty database of the same vendor.
"""

import datetime
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection

from labsite.release import VERSION


class BackupError(Exception):
    """The backup or restore cannot go on; the message says why and what to do."""


def _pg_env(db: dict) -> tuple[list[str], dict]:
    args = []
    if db.get("HOST"):
        args += ["-h", str(db["HOST"])]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    if db.get("USER"):
        args += ["-U", str(db["USER"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed: install Debian's postgresql-client.")
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[:500]}")


def _add_folder(archive: tarfile.TarFile, folder: Path, name: str) -> int:
    count = 0
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.is_symlink():
                archive.add(path, arcname=f"{name}/{path.relative_to(folder).as_posix()}")
                count += 1
    return count


def backup(destination: Path) -> dict:
    db = connection.settings_dict
    vendor = connection.vendor
    with tempfile.TemporaryDirectory() as work:
        if vendor == "postgresql":
            dump = Path(work) / "database.dump"
            args, env = _pg_env(db)
            _run(
                ["pg_dump", "-Fc", "--no-owner", "--no-acl", *args, "-f", str(dump), db["NAME"]],
                env,
            )
        elif vendor == "sqlite":
            if connection.in_atomic_block:
                # SQLite's online backup would wait for this transaction forever.
                raise BackupError("run the backup outside a transaction")
            dump = Path(work) / "database.sqlite3"
            connection.ensure_connection()
            target = sqlite3.connect(dump)
            with target:
                connection.connection.backup(target)
            target.close()
        else:
            raise BackupError(f"backing up a {vendor} database is not supported")
        manifest = {
            "labsite": VERSION,
            "created": datetime.datetime.now(datetime.UTC).isoformat(),
            "database": vendor,
        }
        # Media is mostly compressed already (JPEG, PNG, PDF): a light gzip level is as small.
        with tarfile.open(destination, "w:gz", compresslevel=3) as archive:
            archive.add(dump, arcname=dump.name)
            manifest["media_files"] = _add_folder(archive, Path(settings.MEDIA_ROOT), "media")
            manifest["private_files"] = _add_folder(
                archive, Path(settings.PRIVATE_MEDIA_ROOT), "private"
            )
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    manifest["bytes"] = destination.stat().st_size
    return manifest


def _safe_members(archive: tarfile.TarFile, prefix: str):
    for member in archive.getmembers():
        name = member.name
        if not name.startswith(prefix + "/") or not member.isfile():
            continue
        relative = Path(name[len(prefix) + 1 :])
        if relative.is_absolute() or ".." in relative.parts:
            raise BackupError(
                f"the archive holds an unsafe path ({name}); it was not made by backup_site"
            )
        yield member, relative


def restore(source: Path, media_root: Path | None = None, private_root: Path | None = None) -> dict:
    try:
        archive = tarfile.open(source, "r:gz")  # noqa: SIM115 - closed by the with below
    except (tarfile.TarError, OSError) as error:
        raise BackupError(f"{source} is not a backup made by backup_site ({error})") from None
    with archive:
        try:
            manifest = json.load(archive.extractfile("manifest.json"))
        except (KeyError, ValueError):
            raise BackupError(f"{source} has no manifest: it was not made by backup_site") from None
        vendor = connection.vendor
        if manifest.get("database") != vendor:
            raise BackupError(
                f"this backup holds a {manifest.get('database')} database; the site uses {vendor}"
            )
        from django.db import connections

        connections.close_all()
        db = connection.settings_dict
        with tempfile.TemporaryDirectory() as work:
            if vendor == "postgresql":
                archive.extract("database.dump", work, filter="data")
                args, env = _pg_env(db)
                _run(
                    ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-acl", *args,
                     "-d", db["NAME"], str(Path(work) / "database.dump")],
                    env,
                )  # fmt: skip
            else:
                archive.extract("database.sqlite3", work, filter="data")
                restored = sqlite3.connect(Path(work) / "database.sqlite3")
                target = sqlite3.connect(db["NAME"])
                with target:
                    restored.backup(target)
                restored.close()
                target.close()
        counts = {}
        for prefix, root in (("media", media_root or Path(settings.MEDIA_ROOT)),
                             ("private", private_root or Path(settings.PRIVATE_MEDIA_ROOT))):  # fmt: skip
            counts[prefix] = 0
            for member, relative in _safe_members(archive, prefix):
                path = Path(root) / relative
                path.parent.mkdir(parents=True, exist_ok=True)
                with archive.extractfile(member) as source_file, open(path, "wb") as out:
                    shutil.copyfileobj(source_file, out)
                counts[prefix] += 1
    return {**manifest, "restored_media": counts["media"], "restored_private": counts["private"]}
