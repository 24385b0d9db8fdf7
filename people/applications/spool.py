"""Applications that arrive while the database is down are kept on disk, whole, until it is back.

An applicant who loses a filled form and an attached CV often does not try again. When the
database cannot take a submission (a connection error, an outage), the view checks what can be
checked without it (every field but the choices of openings and supervisors, the CV, the spam
defences) and writes the submission to the private storage: the CV first, then a JSON record of
every field and its reference (the record last: a record on disk is a whole submission). The
applicant gets the normal confirmation with that reference.

``drain()`` imports the spool once the database answers: each submission goes through the form
again, against the site's openings and supervisors as they are now, is saved with the reference
the applicant was given, and its emails are queued; then its files are removed. The reference
makes a retry harmless: a record whose application exists (saved, but the files not yet
removed when the process died) is only removed. A record the form now refuses is moved to
``needs-review/`` and reported, never dropped. The task worker's periodic job and
``manage.py drain_application_spool`` both drain it.
"""

import json
import logging
import posixpath

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.http import HttpRequest, QueryDict
from django.utils import timezone

from people.applications.models import Application, new_reference, private_storage

logger = logging.getLogger(__name__)

FOLDER = "application-spool"
REVIEW = f"{FOLDER}/needs-review"
#: Fields never kept: the CSRF token is the visitor's, not the application's.
LEFT_OUT = {"csrfmiddlewaretoken", "cv_token"}


def _record(reference: str) -> str:
    return f"{FOLDER}/{reference}.json"


def spool(request, uploaded) -> str:
    """Keep the submission in ``request`` (its CV ``uploaded``) on disk; returns its reference."""
    storage = private_storage()
    reference = new_reference()
    cv = None
    if uploaded is not None:
        uploaded.seek(0)
        cv_name = storage.save(f"{FOLDER}/{reference}.cv", ContentFile(uploaded.read()))
        cv = {
            "stored": cv_name,
            "name": uploaded.name,
            "content_type": getattr(uploaded, "content_type", "application/pdf"),
        }
    record = {
        "reference": reference,
        "received_at": timezone.now().isoformat(),
        "host": request.get_host(),
        "path": request.path,
        "fields": {k: request.POST.getlist(k) for k in request.POST if k not in LEFT_OUT},
        "cv": cv,
    }
    storage.save(_record(reference), ContentFile(json.dumps(record).encode()))
    logger.warning("The database is unavailable: application %s kept on disk", reference)
    return reference


def waiting() -> list[str]:
    """The spooled records' names, oldest first."""
    storage = private_storage()
    try:
        _folders, files = storage.listdir(FOLDER)
    except FileNotFoundError:
        return []
    names = [posixpath.join(FOLDER, f) for f in files if f.endswith(".json")]
    return sorted(names, key=lambda name: storage.get_modified_time(name))


def drain() -> dict[str, int]:
    """Import every spooled application the database can take now; counts per outcome."""
    outcomes = {"imported": 0, "already there": 0, "needs review": 0}
    for name in waiting():
        outcome = _import(name)
        outcomes[outcome] += 1
    return outcomes


def _request_for(record) -> HttpRequest:
    """A request as the applicant's was, for the site and its openings (no network)."""
    request = HttpRequest()
    request.method = "POST"
    request.path = request.path_info = record["path"]
    host, _, port = record["host"].partition(":")
    request.META = {"HTTP_HOST": record["host"], "SERVER_NAME": host, "SERVER_PORT": port or "80"}
    return request


def _import(name: str) -> str:
    from people.applications import views  # the form's querysets and the save live there

    storage = private_storage()
    with storage.open(name) as handle:
        record = json.loads(handle.read().decode())
    reference = record["reference"]
    cv = record.get("cv")
    if Application.objects.filter(reference=reference).exists():
        _remove(name, cv)
        return "already there"
    data = QueryDict(mutable=True)
    for key, values in record["fields"].items():
        data.setlist(key, values)
    files = {}
    if cv:
        with storage.open(cv["stored"]) as handle:
            files["cv"] = SimpleUploadedFile(cv["name"], handle.read(), cv["content_type"])
    request = _request_for(record)
    site = views.current_site(request)
    openings = views._openings(request, views._requested_id(data.get("opening")))
    form = views.ApplicationForm(
        data, files, openings=openings, supervisors=views._supervisors(request, openings)
    )
    if not form.is_valid():
        problems = "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items())
        storage.save(f"{REVIEW}/{reference}.json", ContentFile(json.dumps(
            {**record, "problems": problems}
        ).encode()))  # fmt: skip
        storage.delete(name)
        logger.error("Spooled application %s needs review: %s", reference, problems)
        return "needs review"
    with transaction.atomic():
        views.save_application(form, site, None, reference=reference)
    _remove(name, cv)
    return "imported"


def _remove(name: str, cv: dict | None) -> None:
    storage = private_storage()
    if cv:
        storage.delete(cv["stored"])
    storage.delete(name)
