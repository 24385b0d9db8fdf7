"""Members vote for papers on the feed: one vote each, taken back with the same button.

The form works without JavaScript (a POST, then back to the paper on the feed); with it,
static/js/site.js sends the same POST with ``Accept: application/json`` and updates the count
in place. The count is stored on the paper, recomputed from the votes in the same statement
that changes them, so concurrent clicks can never leave it wrong.
"""

from django.contrib.auth.views import redirect_to_login
from django.db import IntegrityError, transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.utils.http import url_has_allowed_host_and_scheme


def may_vote(user) -> bool:
    """Signed-in members and editors (anyone who may use the admin)."""
    return bool(
        user.is_authenticated and user.is_active and user.has_perm("wagtailadmin.access_admin")
    )


def voted_among(user, papers) -> set[int]:
    from research.paperfeed.models import PaperVote

    ids = [paper.pk for paper in papers]
    if not ids:
        return set()
    return set(
        PaperVote.objects.filter(user=user, paper_id__in=ids).values_list("paper_id", flat=True)
    )


def cast(paper, user, wanted: bool) -> int:
    """Make ``user``'s vote for ``paper`` be ``wanted`` (repeating it changes nothing); the count."""
    from research.paperfeed.models import FeedPaper, PaperVote

    with transaction.atomic():
        # One vote at a time per paper: the count below then sees every committed vote (under
        # PostgreSQL's READ COMMITTED a statement waiting on a row lock keeps its old snapshot).
        list(FeedPaper.objects.select_for_update().filter(pk=paper.pk).values_list("pk"))
        if wanted:
            try:
                with transaction.atomic():
                    PaperVote.objects.create(paper=paper, user=user)
            except IntegrityError:
                pass  # already voted (a double click, or two tabs): one vote it stays
        else:
            PaperVote.objects.filter(paper=paper, user=user).delete()
        count = (
            PaperVote.objects.filter(paper=OuterRef("pk"))
            .order_by()
            .values("paper")
            .annotate(n=Count("pk"))
            .values("n")
        )
        FeedPaper.objects.filter(pk=paper.pk).update(vote_count=Coalesce(Subquery(count), 0))
    return FeedPaper.objects.values_list("vote_count", flat=True).get(pk=paper.pk)


def vote_view(request, feed, paper_id):
    from research.paperfeed.models import FeedPaper, PaperStatus

    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    wants_json = "application/json" in request.headers.get("Accept", "")
    if not may_vote(request.user):
        if wants_json:
            return JsonResponse({"error": "Sign in as a group member to vote."}, status=403)
        return redirect_to_login(feed.url, login_url="wagtailadmin_login")
    paper = FeedPaper.objects.filter(pk=paper_id, feed=feed, status=PaperStatus.PUBLISHED).first()
    if paper is None:
        raise Http404("No such paper on this feed.")
    wanted = request.POST.get("vote") != "remove"
    count = cast(paper, request.user, wanted)
    if wants_json:
        return JsonResponse({"votes": count, "voted": wanted})
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = feed.url
    return HttpResponseRedirect(f"{back.split('#')[0]}#paper-{paper.pk}", status=303)
