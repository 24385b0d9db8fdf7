"""Outgoing email in the Wagtail admin: what is waiting, what failed, and a way to retry."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from labsite.mail import delivery as mail
from labsite.models import OutboxEmail


class OutboxInspectView(generic.InspectView):
    template_name = "labsite/admin/outbox_inspect.html"


class OutboxViewSet(ModelViewSet):
    model = OutboxEmail
    icon = "mail"
    menu_label = _("Outgoing email")
    add_to_settings_menu = True
    inspect_view_enabled = True
    inspect_view_class = OutboxInspectView
    copy_view_enabled = False
    form_fields = ["status"]
    list_filter = ["status", "purpose"]
    search_fields = ["subject", "to", "last_error"]
    search_backend_name = None
    list_display = [
        "subject",
        Column("recipients_display", label=_("To"), accessor="recipients_display"),
        Column("status", label=_("Status"), accessor="get_status_display"),
        "attempts",
        DateColumn("created_at", label=_("Queued"), sort_key="created_at"),
        DateColumn("sent_at", label=_("Sent"), sort_key="sent_at"),
    ]
    # The message itself is shown above these, as its recipients get it.
    inspect_view_fields = [
        "status",
        "attempts",
        "last_error",
        "next_attempt_at",
        "created_at",
        "sent_at",
        "purpose",
        "source",
    ]
    ordering = ["-created_at"]

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        view_kwargs.update(
            add_url_name=None,
            history_url_name=None,
            usage_url_name=None,
            edit_url_name=self.get_url_name("inspect"),
        )
        return view_kwargs

    def get_urlpatterns(self):
        # Stored email is a record of what was sent: it is inspected and retried, never edited.
        keep = {"index", "index_results", "inspect", "delete"}
        patterns = [p for p in super().get_urlpatterns() if getattr(p, "name", None) in keep]
        return patterns + [path("retry/<int:pk>/", retry_email, name="retry")]


@require_POST
def retry_email(request, pk):
    if not request.user.has_perm("labsite.change_outboxemail"):
        raise PermissionDenied
    row = get_object_or_404(OutboxEmail, pk=pk)
    if row.status == OutboxEmail.Status.SENT:
        messages.info(request, _("That email was already sent."))
    else:
        mail.retry_now(row)
        messages.success(request, _("Sending “%(subject)s” again.") % {"subject": row.subject})
    return redirect("outbox:inspect", pk)


outbox_viewset = OutboxViewSet("outbox")
