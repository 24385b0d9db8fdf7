"""Admin for the paper feed: "Share a paper" (paste an identifier, details are fetched) and the
list of feed papers, which members edit (recommendations, themes, journal club)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import AdminDateInput
from wagtail.models import Site

from labsite.form_fields import IdMultipleChoiceField
from research.paperfeed.bulk import bulk_add_view
from research.paperfeed.models import FeedPaper, PaperSource, PaperStatus
from research.paperfeed.services import NoPaperFeed, default_feed, find_existing, recommend, share
from research.paperfeed.sources import PaperDraft, classify, fetch_paper
from research.publications.metadata import MetadataError
from research.themes.models import ResearchThemePage


class ShareForm(forms.Form):
    address = forms.CharField(
        label=gettext_lazy("DOI, arXiv ID or address"),
        max_length=500,
        help_text=gettext_lazy(
            "e.g. 10.1038/nphys1170, 2106.10771, https://arxiv.org/abs/2106.10771 or the "
            "paper's page at its publisher"
        ),
    )
    comment = forms.CharField(
        label=gettext_lazy("Why read this?"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "A sentence or two for the group (optional, at most 500 characters)."
        ),
    )
    themes = IdMultipleChoiceField(
        label=gettext_lazy("Research themes"),
        queryset=ResearchThemePage.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("The feed can be filtered by theme."),
    )
    title = forms.CharField(
        label=gettext_lazy("Title"),
        required=False,
        max_length=500,
        help_text=gettext_lazy("Only if the details cannot be fetched: the paper's title."),
    )
    authors = forms.CharField(
        label=gettext_lazy("Authors"),
        required=False,
        max_length=2000,
        help_text=gettext_lazy(
            "Only if the details cannot be fetched: e.g. 'Ada Lovelace, Alan Turing'."
        ),
    )
    published = forms.DateField(
        label=gettext_lazy("Published"),
        required=False,
        widget=AdminDateInput,
        help_text=gettext_lazy("Only if the details cannot be fetched (optional)."),
    )

    def __init__(self, *args, feed, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = (
            ResearchThemePage.objects.live().descendant_of(feed.get_parent()).order_by("title")
        )

    def clean_address(self):
        value = self.cleaned_data["address"]
        try:
            self.kind, self.identifier = classify(value)
        except ValidationError as error:
            raise ValidationError(error.messages[0]) from None
        return value.strip()

    def manual_draft(self) -> PaperDraft:
        data = self.cleaned_data
        draft = PaperDraft(
            title=data["title"].strip(),
            authors=[a.strip() for a in data["authors"].split(",") if a.strip()],
            published=data.get("published"),
        )
        setattr(
            draft, {"doi": "doi", "arxiv": "arxiv_id", "url": "url"}[self.kind], self.identifier
        )
        return draft


def share_paper_view(request):
    if not request.user.has_perm("research.add_feedpaper"):
        return HttpResponseForbidden(_("You may not share papers."))
    try:
        feed = default_feed(getattr(request, "site", None) or _site(request))
    except NoPaperFeed as error:
        messages.error(request, str(error))
        return redirect("wagtailadmin_home")
    form = ShareForm(request.POST or None, feed=feed)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # A paper already in the feed needs no fetching: the member's flag is added to it.
        known = find_existing(feed, **{_field(form.kind): form.identifier})
        draft = None
        if known is None:
            try:
                draft = fetch_paper(form.identifier)
            except MetadataError as error:
                if data["title"].strip():
                    draft = form.manual_draft()
                else:
                    form.add_error(
                        "address",
                        _(
                            "%(error)s You can also fill in the title and authors below and share it again."
                        )
                        % {"error": str(error).rstrip(".") + "."},
                    )
        if known is not None or draft is not None:
            if known is not None:
                added = recommend(known, request.user, data["comment"])
                result_paper, created, repeat = known, False, not added
            else:
                if data["title"].strip():
                    draft.title = data["title"].strip()
                result = share(
                    feed, draft, request.user, comment=data["comment"], themes=data["themes"]
                )
                result_paper, created, repeat = (
                    result.paper,
                    result.created,
                    result.already_recommended,
                )
            if created:
                messages.success(
                    request,
                    _("“%(title)s” is now in the paper feed.") % {"title": result_paper.title},
                )
            elif repeat:
                messages.info(
                    request,
                    _("“%(title)s” was already in the feed, and you had already recommended it.")
                    % {"title": result_paper.title},
                )
            else:
                messages.success(
                    request,
                    _("“%(title)s” was already in the feed; your recommendation was added to it.")
                    % {"title": result_paper.title},
                )
            return redirect(reverse("feed_papers:edit", args=[result_paper.pk]))
    return TemplateResponse(
        request, "research/admin/share_paper.html", {"form": form, "feed": feed}
    )


def _field(kind: str) -> str:
    return {"doi": "doi", "arxiv": "arxiv_id", "url": "url"}[kind]


def _site(request):

    return Site.find_for_request(request)


class FeedPaperIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("recommendations__person")


class FeedPaperViewSet(ModelViewSet):
    model = FeedPaper
    icon = "doc-full"
    menu_label = gettext_lazy("Paper feed")
    menu_order = 252
    add_to_admin_menu = True
    copy_view_enabled = False
    index_view_class = FeedPaperIndexView
    url_namespace = "feed_papers"
    url_prefix = "paper-feed"
    search_fields = ["title", "authors", "abstract"]
    list_filter = ["status", "source", "themes", "club_date"]
    list_display = [
        "title",
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display"),
        Column("vote_count", label=gettext_lazy("Votes"), sort_key="vote_count"),
        Column("recommenders", label=gettext_lazy("Recommended by"), accessor="recommender_list"),
        DateColumn("club_date", label=gettext_lazy("Journal club"), sort_key="club_date"),
        DateColumn("added_at", label=gettext_lazy("Shared"), sort_key="added_at"),
    ]
    ordering = ["-added_at"]

    @property
    def add_view(self):
        return share_paper_view

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("suggestions/", suggestions_view, name="suggestions"),
            path("add-many/", bulk_add_view, name="bulk"),
        ]


SUGGESTIONS_PER_PAGE = 100


def suggestions_view(request):
    """The papers sources suggested: tick the ones for the feed, the rest can be removed."""
    if not feed_paper_viewset.permission_policy.user_has_permission(request.user, "change"):
        raise PermissionDenied
    suggested = FeedPaper.objects.filter(status=PaperStatus.SUGGESTED)
    if request.method == "POST":
        chosen = [pk for pk in request.POST.getlist("paper") if pk.isdigit()]
        action = request.POST.get("action")
        picked = suggested.filter(pk__in=chosen)
        if not chosen:
            messages.error(request, _("Tick at least one paper first."))
        elif action == "publish":
            count = 0
            for paper in picked:
                # Saved one by one: the page cache and search index hear of each.
                paper.status = PaperStatus.PUBLISHED
                paper.save(update_fields=["status"])
                count += 1
            messages.success(request, _("%(count)d paper(s) put on the feed.") % {"count": count})
        elif action == "remove":
            count, _details = picked.delete()
            messages.success(request, _("%(count)d suggestion(s) removed.") % {"count": count})
        return redirect("feed_papers:suggestions")
    papers = list(
        suggested.select_related("source", "feed").order_by("-added_at")[:SUGGESTIONS_PER_PAGE]
    )
    return TemplateResponse(
        request,
        "research/admin/paper_suggestions.html",
        {"papers": papers, "total": suggested.count()},
    )


class PaperSourceViewSet(ModelViewSet):
    model = PaperSource
    icon = "download"
    menu_label = gettext_lazy("Paper sources")
    menu_order = 253
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    url_namespace = "paper_sources"
    url_prefix = "paper-sources"
    list_display = [
        "name",
        Column("kind", label=gettext_lazy("Kind"), accessor="get_kind_display"),
        Column("status", label=gettext_lazy("Last check"), accessor="status_line"),
        DateColumn("last_checked_at", label=gettext_lazy("Checked"), sort_key="last_checked_at"),
        Column("trusted", label=gettext_lazy("Publishes directly")),
        Column("active", label=gettext_lazy("Active")),
    ]
    inspect_view_fields = ["name", "feed", "kind", "query", "status_line", "recent_checks"]
    form_fields = [
        "name", "feed", "kind", "query", "per_day", "keep_keywords", "drop_keywords", "trusted",
        "active",
    ]  # fmt: skip


feed_paper_viewset = FeedPaperViewSet("feed_papers")
paper_source_viewset = PaperSourceViewSet("paper_sources")
