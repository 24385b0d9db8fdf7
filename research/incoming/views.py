"""The admin's *Works to review*: a member sees their own, an editor everyone's."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_POST

from people.profiles.models import PersonPage
from research.incoming import services
from research.incoming.models import IncomingStatus, IncomingWork
from research.publications.views import importer_for


def _scope(request):
    """(people whose works the user may review, whether they are an editor)."""
    importer = importer_for(request.user)
    if importer is None:
        raise PermissionDenied
    if importer.for_review:
        return PersonPage.objects.filter(pk=importer.member), False
    return PersonPage.objects.all(), True


@require_GET
def queue(request):
    people, editor = _scope(request)
    chosen = request.GET.get("person", "")
    works = IncomingWork.objects.filter(status=IncomingStatus.NEW, person__in=people)
    if chosen.isdigit():
        works = works.filter(person_id=int(chosen))
    works = list(works.select_related("person")[:200])
    matches = services.on_site(works)
    rows = [(work, matches.get(work.pk)) for work in works]
    watched = people.filter(pk__in=services.watched_people().values("pk")).order_by("title")
    return render(
        request,
        "research/admin/incoming_works.html",
        {
            "rows": rows,
            "editor": editor,
            "people": watched,
            "chosen": chosen,
            "unwatched": not watched.exists(),
        },
    )


def _back(request):
    person = request.POST.get("person", "")
    url = "research_incoming_works"
    return redirect(f"{redirect(url).url}?person={person}" if person.isdigit() else url)


@require_POST
def check_now(request, person_id: int):
    people, _editor = _scope(request)
    person = get_object_or_404(people, pk=person_id)
    checked = services.check(person)
    for problem in checked.problems:
        messages.warning(request, problem)
    messages.success(
        request,
        f"{len(checked.new)} new work{'s' if len(checked.new) != 1 else ''} found for {person.title}.",
    )
    return _back(request)


@require_POST
def decide(request, work_id: int, decision: str):
    people, _editor = _scope(request)
    work = get_object_or_404(
        IncomingWork.objects.filter(person__in=people).select_related("person"), pk=work_id
    )
    if work.status != IncomingStatus.NEW:
        messages.info(request, f"'{work.title}' was already decided.")
        return _back(request)
    if decision == "dismiss":
        services.dismiss(work, request.user)
        messages.success(request, f"Dismissed '{work.title}'.")
        return _back(request)
    try:
        page = services.approve(work, request.user)
    except services.NotApproved as error:
        messages.error(request, f"'{work.title}' was not added: {error}")
        return _back(request)
    if page.live:
        messages.success(request, f"'{page.title}' is in the publications.")
    else:
        messages.success(request, f"'{page.title}' was sent to a site editor for review.")
    return _back(request)


def admin_urls():
    return [
        path("works-to-review/", queue, name="research_incoming_works"),
        path("works-to-review/check/<int:person_id>/", check_now, name="research_incoming_check"),
        path(
            "works-to-review/<int:work_id>/add/",
            decide,
            {"decision": "approve"},
            name="research_incoming_approve",
        ),
        path(
            "works-to-review/<int:work_id>/dismiss/",
            decide,
            {"decision": "dismiss"},
            name="research_incoming_dismiss",
        ),
    ]
