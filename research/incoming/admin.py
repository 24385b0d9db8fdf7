"""Where an administrator adds the group's Zotero library (Settings-level: it holds a key)."""

from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet

from research.incoming.models import ZoteroLibrary


class ZoteroLibraryViewSet(ModelViewSet):
    model = ZoteroLibrary
    icon = "doc-full-inverse"
    menu_label = gettext_lazy("Zotero libraries")
    add_to_settings_menu = True
    copy_view_enabled = False
    url_namespace = "zotero_libraries"
    url_prefix = "zotero-libraries"
    list_display = [
        "name",
        Column("kind", label=gettext_lazy("Kind"), accessor="get_kind_display"),
        Column("library_id", label=gettext_lazy("Library number")),
        DateColumn("checked_at", label=gettext_lazy("Checked")),
        Column("last_problem", label=gettext_lazy("Last problem")),
    ]
    form_fields = ["name", "kind", "library_id", "api_key", "reviewer"]


zotero_library_viewset = ZoteroLibraryViewSet("zotero_libraries")
