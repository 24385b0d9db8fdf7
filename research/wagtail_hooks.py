from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from research.paperfeed.admin import feed_paper_viewset
from research.publications.views import admin_urls


@hooks.register("register_admin_urls")
def register_research_urls():
    return admin_urls()


@hooks.register("register_admin_menu_item")
def import_bibtex_menu_item():
    return MenuItem(
        _("Import BibTeX"),
        reverse("research_import_bibtex"),
        icon_name="doc-full-inverse",
        order=250,
    )


@hooks.register("register_admin_menu_item")
def add_by_identifier_menu_item():
    return MenuItem(
        _("Add by DOI / arXiv"), reverse("research_add_by_identifier"), icon_name="plus", order=251
    )


@hooks.register("register_admin_viewset")
def register_feed_paper_viewset():

    return feed_paper_viewset
