import re

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET
from wagtail.models import Site

from labsite.search import PER_GROUP, clean_query, search_site

RESULTS_PER_PAGE = 20
TYPE_KEY = re.compile(r"^(|[a-z_]+\.[a-z_]+)$")


@require_GET
def search(request):
    """Full-text search over the current site's live pages, grouped by type and highlighted."""
    query = clean_query(request.GET.get("q", ""))
    only = request.GET.get("type", "")
    if not TYPE_KEY.match(only):
        only = ""
    context = {"search_query": query, "only": only, "groups": [], "truncated": False}
    site = Site.find_for_request(request)
    if query and site is not None:
        groups, truncated, page_obj = search_site(
            site.root_page, query, only or None, request.GET.get("page"), RESULTS_PER_PAGE
        )
        context.update(
            groups=groups,
            truncated=truncated,
            total=sum(g.count for g in groups),
            results_page=page_obj,
            per_group=PER_GROUP,
        )
    return render(request, "labsite/search.html", context)


@require_GET
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        f"Sitemap: {sitemap_url}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No database or context processors here: whatever broke may be the database.
    return HttpResponse(render_to_string("500.html"), status=500)
