"""Public views: the contact form for prospective students and its confirmation page."""

import bisect
import hashlib
import logging

from django.conf import settings
from django.core import signing
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from labsite.models import SiteSettings
from labsite.pagecache import memo
from labsite.ratelimit import client_ip, hit, peek
from labsite.sections import current_site, in_current_site
from labsite.visibility import closed, restricted
from people.applicant_data import retention
from people.applications import spool
from people.applications.emails import notify
from people.applications.forms import ApplicationForm, sign_started
from people.applications.models import (
    Application,
    ApplicationSettings,
    cv_upload_to,
    max_cv_bytes,
    private_storage,
)
from people.applications.uploads import SizeLimitUploadHandler, human_size
from people.openings.models import OpeningPage, OpeningSupervisor, open_q
from people.profiles.models import PersonPage

logger = logging.getLogger(__name__)

PENDING_CV_SALT = "people.application.pending-cv"
RECEIVED_SALT = "people.application.received"
# Beyond this the request is refused before reading it: no honest form is that large.
REQUEST_SLACK_BYTES = 2 * 1024 * 1024


def _requested_id(value) -> int | None:
    """A positive database id from a query parameter, or None (a huge number overflows SQL)."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**63 else None


def _openings(request, chosen_id: int | None):
    """Open openings in this site, plus the one the applicant came from even if it has closed
    or is unlisted (they had its address)."""
    openings = OpeningPage.objects.live().exclude(restricted()).filter(open_q())
    if chosen_id:
        openings |= OpeningPage.objects.live().exclude(closed()).filter(pk=chosen_id)
    return in_current_site(openings.order_by("title"), request)


def _opening_supervisor_ids(openings):
    return OpeningSupervisor.objects.filter(page__in=openings, person__isnull=False).values(
        "person_id"
    )


def _supervisors(request, openings):
    """Members who take students, and anyone supervising one of the openings on offer."""
    today = timezone.localdate()
    people = (
        PersonPage.objects.live()
        .exclude(restricted())
        .filter(Q(accepts_students=True) | Q(pk__in=_opening_supervisor_ids(openings)))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
    )
    return in_current_site(people, request).order_by("family_name", "given_names")


def _sha256(uploaded) -> str:
    digest = hashlib.sha256()
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    return digest.hexdigest()


def _store_pending_cv(uploaded, previous: dict | None) -> dict:
    """Keep a CV that passed its checks while the applicant fixes other fields.

    Attaching the same file again reuses the copy already kept; a different file replaces it,
    so a few attempts never leave a trail of copies.
    """
    content_hash = _sha256(uploaded)
    if previous and previous.get("sha256") == content_hash:
        return previous
    if previous:
        _forget_pending_cv(previous)
    name = private_storage().save(cv_upload_to(None, uploaded.name), uploaded)
    pending = {
        "name": name,
        "filename": uploaded.name[:200],
        "size": uploaded.size,
        "sha256": content_hash,
    }
    return {**pending, "token": signing.dumps(pending, salt=PENDING_CV_SALT)}


def _forget_pending_cv(pending: dict) -> None:
    """Delete a kept CV that no application uses (the purge command catches any left behind)."""
    name = pending.get("name", "")
    if name and not Application.objects.filter(cv=name).exists():
        private_storage().delete(name)


def _load_pending_cv(token: str) -> dict | None:
    if not token:
        return None
    try:
        pending = signing.loads(token, salt=PENDING_CV_SALT, max_age=24 * 3600)
    except signing.BadSignature:
        return None
    name = pending.get("name", "")
    if not private_storage().exists(name) or Application.objects.filter(cv=name).exists():
        return None
    return {**pending, "token": token, "size_display": human_size(pending["size"])}


@csrf_exempt
def apply(request):
    """Wrap the form view so the CV's size limit applies while the upload streams in.

    Upload handlers must be set before anything reads request.POST, and CSRF middleware reads
    it, so CSRF protection is applied inside (Django's documented pattern).
    """
    if request.method == "POST":
        declared = _requested_id(request.META.get("CONTENT_LENGTH")) or 0
        if declared > max_cv_bytes() + REQUEST_SLACK_BYTES:
            return render(
                request,
                "people/apply_too_large.html",
                {"limit": human_size(max_cv_bytes())},
                status=413,
            )
        request.upload_handlers.insert(0, SizeLimitUploadHandler(request, max_cv_bytes()))
    return _apply(request)


@csrf_protect
@never_cache
def _apply(request):
    try:
        return _apply_with_database(request)
    except DATABASE_DOWN:
        return _apply_without_database(request)


#: What a database that is down or unreachable raises (not a constraint or a bug of ours).
DATABASE_DOWN = (OperationalError, InterfaceError)


def _apply_without_database(request):
    """The database cannot take the submission: keep it on disk whole (people.applications.
    spool) and give the applicant their reference, or, when it cannot be kept (a field to
    correct, no CV attached), answer 503 with everything typed shown, never a 500."""
    if request.method == "POST":
        form = ApplicationForm(
            request.POST,
            request.FILES,
            openings=OpeningPage.objects.none(),
            supervisors=PersonPage.objects.none(),
            oversized=getattr(request, "oversized_uploads", {}),
        )
        form.is_valid()
        # The choices of openings and supervisors are read from the database: checked when
        # the spool is imported. So is "an opening or a topic" when an opening was chosen.
        unchecked = {"opening", "supervisors"} | (
            {"topic"} if request.POST.get("opening") else set()
        )
        problems = {name: errors for name, errors in form.errors.items() if name not in unchecked}
        if not problems and form.cleaned_data.get("cv") and not form.spam_suspected:
            reference = spool.spool(request, form.cleaned_data["cv"])
            token = signing.dumps({"ref": reference, "late": False}, salt=RECEIVED_SALT)
            return redirect("people:application_received", token=token)
    response = render(
        request,
        "people/apply_unavailable.html",
        {"typed": [(k, v) for k, v in request.POST.items() if k not in spool.LEFT_OUT]},
        status=503,
    )
    response["Retry-After"] = "60"
    return response


def _apply_with_database(request):
    site = current_site(request)
    if site is None:
        raise Http404("No site is set up yet.")
    # Both read once per content change (labsite.pagecache.memo), not on every visit.
    application_settings = ApplicationSettings.for_request(request)
    source = request.POST if request.method == "POST" else request.GET
    chosen_opening_id = _requested_id(source.get("opening"))
    page_context = {
        "application_settings": application_settings,
        "own_retention_periods": retention.own_periods(site),
        "site_settings": SiteSettings.for_request(request),
        "meta_description": _(
            "Contact a supervisor about a PhD or research position: your background, "
            "your interests and your CV, in one form."
        ),
    }
    if request.method != "POST":
        supervisor_id = _requested_id(request.GET.get("supervisor"))
        context = _blank(request, chosen_opening_id, supervisor_id)
        return render(request, "people/apply.html", {**page_context, **context})

    openings = _openings(request, chosen_opening_id)
    supervisors = _supervisors(request, openings)
    rate_limited = None
    pending_cv = _load_pending_cv(request.POST.get("cv_token", ""))
    form = ApplicationForm(
        request.POST,
        request.FILES,
        openings=openings,
        supervisors=supervisors,
        oversized=getattr(request, "oversized_uploads", {}),
        pending_cv=pending_cv,
    )
    valid = form.is_valid()
    # The limit counts what reaches the group (accepted applications) and what the spam
    # defences refused, never a person's typing mistakes.
    if valid or form.spam_suspected:
        verdict = hit("application", client_ip(request), *settings.APPLICATION_RATE_LIMIT)
    else:
        verdict = peek("application", client_ip(request), *settings.APPLICATION_RATE_LIMIT)
    if valid and not verdict.allowed:
        rate_limited = verdict
        minutes = max(1, round(verdict.retry_after / 60))
        form.add_error(
            None,
            _(
                "Too many messages have been sent from your network in the last hour. "
                "Nothing was lost: send this again in %(minutes)s minutes."
            )
            % {"minutes": minutes},
        )
        valid = False
    if valid:
        uploaded_new = form.cleaned_data.get("cv")
        application = save_application(form, site, pending_cv)
        if uploaded_new and pending_cv:
            _forget_pending_cv(pending_cv)  # replaced by the file sent with it
        token = signing.dumps(
            {"ref": application.reference, "late": application.arrived_after_close},
            salt=RECEIVED_SALT,
        )
        return redirect("people:application_received", token=token)
    if form.cleaned_data.get("cv") and "cv" not in form.errors:
        kept = _store_pending_cv(form.cleaned_data["cv"], pending_cv)
        pending_cv = _load_pending_cv(kept["token"])

    status = 429 if rate_limited else 400
    return render(
        request,
        "people/apply.html",
        {
            **page_context,
            "form": form,
            "pending_cv": pending_cv,
            "chosen_opening": _chosen(openings, chosen_opening_id),
        },
        status=status,
    )


def _chosen(openings, chosen_opening_id):
    if not chosen_opening_id:
        return None
    return next((o for o in openings if o.pk == chosen_opening_id), None)


def _blank(request, chosen_opening_id, supervisor_id):
    """The blank form's context: the openings on offer, the members who take students."""
    openings = _openings(request, chosen_opening_id)
    # Shown as a name beside a checkbox: not the forty other columns of each member's row
    # (a form that is sent needs whole rows: its chosen supervisors are emailed).
    supervisors = _supervisors(request, openings).only("title")
    initial = {"started": sign_started()}
    # Among the openings the form lists (read once, for the context too), not one query more.
    opening = _chosen(openings, chosen_opening_id)
    if opening is not None:
        initial["opening"] = opening
        initial["supervisors"] = list(
            supervisors.filter(pk__in=_opening_supervisor_ids([opening])).values_list(
                "pk", flat=True
            )
        )
    if supervisor_id:
        initial.setdefault("supervisors", []).append(supervisor_id)
    form = ApplicationForm(initial=initial, openings=openings, supervisors=supervisors)
    return {
        "form": form,
        "pending_cv": None,
        "chosen_opening": opening,
        "fields_cache_key": _fields_cache_key(request, chosen_opening_id, supervisor_id),
    }


def _fields_cache_key(request, chosen_opening_id, supervisor_id) -> str | None:
    """What the blank form's fields depend on, for ``{% wagtailcache %}``; None when they are
    not worth keeping.

    Every applicant gets the same fields, choices included, until the content changes (the
    content generation), a deadline passes (an opening leaves the list) or the day turns (a
    member whose end date has passed stops being offered as a supervisor). The CSRF token and
    the signed start time stay outside the fragment. A form preset from a link (an opening,
    a supervisor) is rendered each time: the ids come from visitors, and keying on them would
    let anyone fill the cache.
    """
    if chosen_opening_id or supervisor_id:
        return None
    site = current_site(request)
    deadlines = memo.remember(f"people:apply:deadlines:{site.pk}", lambda: _deadlines(request))
    now = timezone.now()
    return ":".join(
        (
            *memo.current_generation(),
            str(site.pk),
            get_language() or "",
            str(bisect.bisect_right(deadlines, now)),
            timezone.localdate(now).isoformat(),
        )
    )


def _deadlines(request) -> list:
    """The deadlines still ahead among the openings the form may list, soonest first."""
    openings = in_current_site(
        OpeningPage.objects.live().exclude(restricted()).filter(deadline__gt=timezone.now()),
        request,
    )
    return sorted(openings.values_list("deadline", flat=True))


def consent_as_shown(site) -> tuple[str, str]:
    """The privacy notice the applicant agreed to, as text, and its version."""
    html = render_to_string(
        "people/privacy_notice.html",
        {
            "application_settings": ApplicationSettings.for_site(site)
            if site
            else ApplicationSettings(),
            "own_retention_periods": retention.own_periods(site),
        },
    )
    # One line per paragraph of the notice, as the applicant read them.
    text = "\n".join(
        " ".join(line.split())
        for line in strip_tags(html.replace("</p>", "</p>\n")).splitlines()
        if line.strip()
    )
    return text, hashlib.sha256(text.encode()).hexdigest()[:12]


@transaction.atomic
def save_application(form, site, pending_cv, reference: str = "") -> Application:
    """Save a valid form's application and queue its emails (in one transaction); a spooled
    one keeps the reference its applicant was given."""
    application = form.save(commit=False)
    application.site = site
    if reference:
        application.reference = reference
    uploaded = form.cleaned_data.get("cv")
    if uploaded:
        application.cv_filename = uploaded.name[:200]
        application.cv_size = uploaded.size
        application.cv.save(cv_upload_to(application, uploaded.name), uploaded, save=False)
    else:
        application.cv.name = pending_cv["name"]
        application.cv_filename = pending_cv["filename"]
        application.cv_size = pending_cv["size"]
    opening = form.cleaned_data.get("opening")
    application.arrived_after_close = bool(opening and not opening.is_open())
    application.consent_text, application.consent_version = consent_as_shown(site)
    application.save()
    chosen = list(form.cleaned_data.get("supervisors") or [])
    if not chosen and opening is not None:
        chosen = list(PersonPage.objects.filter(pk__in=_opening_supervisor_ids([opening])))
    application.supervisors.set(chosen)
    notify(application)
    return application


@never_cache
def application_received(request, token):
    try:
        received = signing.loads(token, salt=RECEIVED_SALT, max_age=24 * 3600)
    except signing.BadSignature:
        raise Http404("This confirmation link is invalid or more than a day old.") from None
    try:
        return _received(request, received)
    except DATABASE_DOWN:
        # Kept on disk while the database is down: the confirmation needs nothing from it.
        return render(request, "people/apply_received_offline.html", {"reference": received["ref"]})


def _received(request, received):
    site = current_site(request)
    return render(
        request,
        "people/apply_received.html",
        {
            "reference": received["ref"],
            "late": received["late"],
            "site_settings": SiteSettings.for_site(site) if site else None,
            "apply_url": reverse("people:apply"),
        },
    )
