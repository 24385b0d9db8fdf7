"""*Reports > Accessibility feedback*: what visitors reported, read only (each report was also
emailed to the contact named in Settings > Accessibility)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet

from labsite.accessibility.models import AccessibilityFeedback


class FeedbackViewSet(ModelViewSet):
    model = AccessibilityFeedback
    icon = "view"
    menu_label = _("Accessibility feedback")
    add_to_reports_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    search_fields = ["message", "where", "name", "email"]
    search_backend_name = None
    list_display = [
        DateColumn("received_at", label=_("Received"), sort_key="received_at"),
        Column("where", label=_("Where")),
        Column("message", label=_("What they found")),
        Column("email", label=_("Reply to")),
    ]
    list_filter = ["site"]
    inspect_view_fields = ["received_at", "site", "where", "message", "name", "email"]
    form_fields = []

    def get_urlpatterns(self):
        # Reports are read, not written, in the admin.
        return [
            pattern
            for pattern in super().get_urlpatterns()
            if getattr(pattern, "name", None) in {"index", "index_results", "inspect"}
        ]


feedback_viewset = FeedbackViewSet("accessibility_feedback")
