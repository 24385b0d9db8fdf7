"""Deploy-time check: with the local-memory cache, the page cache learns of changes from a stamp
file; if it cannot write it, edits would not reach stored pages. Say so before serving."""

import os
from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Tags, register

from labsite.pagecache import generation


@register(Tags.caches, deploy=False)
def stamp_file_is_writable(app_configs, **kwargs):
    if not settings.PAGE_CACHE_STORE or not generation.process_local():
        return []
    folder = Path(settings.PAGE_CACHE_STAMP_FILE).parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        writable = os.access(folder, os.W_OK)
    except OSError:
        writable = False
    if writable:
        return []
    return [
        Error(
            f"The page cache cannot write its stamp file in {folder}, so stored pages would "
            "not learn of edits.",
            hint="Set PAGE_CACHE_STAMP_FILE to a writable path, or REDIS_URL so the page "
            "cache keeps its generation in Redis.",
            id="labsite.E101",
        )
    ]
