"""Health for a host's probes: /_health/live (the process answers) and /_health/ready (it can
serve: the database answers with every migration applied, the cache works, media can be
written). Never cached, never throttled, no session; ready answers 503 naming what failed."""

import time
import uuid

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache

#: Once every migration is applied it stays so until the next deploy restarts the process.
_migrated = False


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return "ok"


def _migrations() -> str:
    global _migrated
    if _migrated:
        return "ok"
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        return f"{len(plan)} migrations not applied: run manage.py migrate"
    _migrated = True
    return "ok"


def _cache() -> str:
    key, value = f"health:{uuid.uuid4().hex}", "1"
    cache.set(key, value, 10)
    found = cache.get(key)
    cache.delete(key)
    return "ok" if found == value else "the cache did not keep a value"


def _media() -> str:
    name = default_storage.save(f"health/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    default_storage.delete(name)
    return "ok"


CHECKS = {"database": _database, "migrations": _migrations, "cache": _cache, "media": _media}


@never_cache
def live(request):
    return HttpResponse("ok\n", content_type="text/plain")


@never_cache
def ready(request):
    results, ready_ = {}, True
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            outcome = check()
        except (DatabaseError, OSError, ConnectionError, TimeoutError) as error:
            outcome = f"failed: {error.__class__.__name__}: {str(error)[:200]}"
        except Exception as error:  # noqa: BLE001 - a probe reports, it never raises
            outcome = f"failed: {error.__class__.__name__}: {str(error)[:200]}"
        ready_ = ready_ and outcome == "ok"
        results[name] = {"status": outcome, "ms": round((time.perf_counter() - started) * 1000, 1)}
    return JsonResponse({"ready": ready_, "checks": results}, status=200 if ready_ else 503)
