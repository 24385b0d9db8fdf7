from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from people.members import dashboard
from research.engagement.models import ActivityPage, EngagementIndexPage
from research.incoming import views as incoming_views
from research.incoming.admin import zotero_library_viewset
from research.moving_in import views as moving_in_views
from research.paperfeed.admin import feed_paper_viewset, paper_source_viewset
from research.publications.index_page import PublicationIndexPage
from research.publications.models import PublicationPage
from research.publications.views import admin_urls, importer_for


class PublicationImportMenuItem(MenuItem):
    """Shown only to people who may use it: editors, and members (their own papers, for review)."""

    def is_shown(self, request):
        return _may_import(request)


def _may_import(request) -> bool:
    if not hasattr(request, "_labsite_may_import"):
        request._labsite_may_import = importer_for(request.user) is not None
    return request._labsite_may_import


def _add_under(index_model, page_model):
    """The address to add a ``page_model`` under the site's first ``index_model``, if allowed."""

    def url_for(request) -> str:
        index = index_model.objects.first()
        if index is None or not index.permissions_for_user(request.user).can_add_subpage():
            return ""
        meta = page_model._meta
        return reverse("wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, index.pk])

    return url_for


dashboard.register(
    dashboard.RecordLink(
        _("Add a publication"), _add_under(PublicationIndexPage, PublicationPage), order=10
    )
)
dashboard.register(
    dashboard.RecordLink(
        _("Import your papers from BibTeX"),
        lambda request: reverse("research_import_bibtex") if _may_import(request) else "",
        order=11,
    )
)
dashboard.register(
    dashboard.RecordLink(
        _("Add a paper by DOI or arXiv ID"),
        lambda request: reverse("research_add_by_identifier") if _may_import(request) else "",
        order=12,
    )
)
dashboard.register(
    dashboard.RecordLink(
        _("Add a talk, poster or other activity"),
        _add_under(EngagementIndexPage, ActivityPage),
        order=20,
    )
)


@hooks.register("register_admin_urls")
def register_research_urls():
    return admin_urls()


@hooks.register("register_admin_urls")
def register_incoming_urls():
    return incoming_views.admin_urls()


@hooks.register("register_admin_menu_item")
def incoming_works_menu_item():
    return PublicationImportMenuItem(
        _("Works to review"), reverse("research_incoming_works"), icon_name="tasks", order=252
    )


dashboard.register(
    dashboard.RecordLink(
        _("Works found in your ORCID record and on arXiv"),
        lambda request: reverse("research_incoming_works") if _may_import(request) else "",
        order=13,
    )
)


@hooks.register("register_admin_urls")
def register_site_import_urls():
    return moving_in_views.admin_urls()


class SiteImportMenuItem(MenuItem):
    def is_shown(self, request):
        return moving_in_views.may_import_sites(request.user)


@hooks.register("register_settings_menu_item")
def import_site_menu_item():
    return SiteImportMenuItem(
        _("Import a website"), reverse("research_import_site"), icon_name="download", order=900
    )


@hooks.register("register_admin_menu_item")
def import_bibtex_menu_item():
    return PublicationImportMenuItem(
        _("Import BibTeX"),
        reverse("research_import_bibtex"),
        icon_name="doc-full-inverse",
        order=250,
    )


@hooks.register("register_admin_menu_item")
def add_by_identifier_menu_item():
    return PublicationImportMenuItem(
        _("Add by DOI / arXiv"), reverse("research_add_by_identifier"), icon_name="plus", order=251
    )


@hooks.register("register_admin_viewset")
def register_feed_paper_viewset():

    return feed_paper_viewset


@hooks.register("register_admin_viewset")
def register_paper_source_viewset():
    return paper_source_viewset


@hooks.register("register_admin_viewset")
def register_zotero_library_viewset():
    return zotero_library_viewset


class SuggestionsMenuItem(MenuItem):
    def is_shown(self, request):
        return feed_paper_viewset.permission_policy.user_has_permission(request.user, "change")


@hooks.register("register_admin_menu_item")
def paper_suggestions_menu_item():
    return SuggestionsMenuItem(
        _("Paper suggestions"), reverse("feed_papers:suggestions"), icon_name="tasks", order=254
    )
