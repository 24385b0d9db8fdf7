"""Backup and restore, performed: the demo site (database and media) written by backup_site,
restored by restore_site's service into a new database and new media folders by another
process, and found whole there. On SQLite, and on PostgreSQL (pg_dump/pg_restore) in CI's
second pass."""

import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.images import get_image_model
from wagtail.models import Page

from tests.support import databases

ROOT = Path(__file__).resolve().parents[2]
# Committed data, as on a running site (SQLite's online backup waits for an open transaction).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

RESTORE = """
import django, json, sys
from pathlib import Path
django.setup()
from labsite.backup import restore
from wagtail.models import Page
from wagtail.images import get_image_model
result = restore(Path(sys.argv[1]), media_root=Path(sys.argv[2]), private_root=Path(sys.argv[3]))
image = get_image_model().objects.order_by("pk").first()
print(json.dumps({"pages": Page.objects.count(), "media": result["restored_media"],
                  "image": image.file.name if image else None}))
"""


@pytest.fixture
def scratch_url(tmp_path):
    with databases.scratch_database("restore", tmp_path) as url:
        yield url


@pytest.mark.processes
def test_a_backup_restores_into_a_new_database_and_media_folders(tmp_path, scratch_url):
    image = get_image_model().objects.order_by("pk").first()
    assert image is not None and (Path(settings.MEDIA_ROOT) / image.file.name).exists()
    archive = tmp_path / "site.tar.gz"
    call_command("backup_site", str(archive), stdout=open(os.devnull, "w"))  # noqa: SIM115
    with tarfile.open(archive) as bundle:
        names = bundle.getnames()
        manifest = json.load(bundle.extractfile("manifest.json"))
    assert manifest["database"] == connection.vendor and manifest["media_files"] > 0
    assert f"media/{image.file.name}" in names

    media, private = tmp_path / "media", tmp_path / "private"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "labsite.settings.test",
        "DATABASE_URL": scratch_url,
    }
    result = subprocess.run(
        [sys.executable, "-c", RESTORE, str(archive), str(media), str(private)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    restored = json.loads(result.stdout.strip().splitlines()[-1])
    assert restored["pages"] == Page.objects.count()
    assert restored["image"] == image.file.name and (media / image.file.name).exists()
    assert restored["media"] == manifest["media_files"]


def test_restore_refuses_what_is_not_a_backup(tmp_path):
    bogus = tmp_path / "notes.tar.gz"
    bogus.write_bytes(b"not an archive")
    with pytest.raises(CommandError, match="not a backup made by backup_site"):
        call_command("restore_site", str(bogus), yes=True)
    with pytest.raises(CommandError, match="does not exist"):
        call_command("restore_site", str(tmp_path / "missing.tar.gz"), yes=True)
    with pytest.raises(CommandError, match="exists already"):
        call_command("backup_site", str(bogus))
