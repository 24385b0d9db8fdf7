"""Subscribers and suppressed addresses in the admin: counts per list, CSV export, suppression."""

import django_filters
from django.db.models import Count, Prefetch
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from labsite.admin_export import SafeSpreadsheetExportMixin
from labsite.groups import scoping
from labsite.groups.admin import GroupRecordViews
from labsite.models import Frequency, Subscriber, Subscription, Suppression
from labsite.subscriptions import lists as subscriptions


def _list_choices():
    return [(item.key, item.label) for item in subscriptions.lists()]


class SubscriberFilterSet(WagtailFilterSet):
    list_key = django_filters.ChoiceFilter(
        field_name="subscriptions__list_key",
        choices=_list_choices,
        empty_label=_("Any list"),
        label=_("List"),
    )
    frequency = django_filters.ChoiceFilter(
        field_name="subscriptions__frequency",
        choices=Frequency.choices,
        empty_label=_("Any"),
        label=_("Frequency"),
    )

    class Meta:
        model = Subscriber
        fields = ["list_key", "frequency", "site"]


class SubscriberIndexView(SafeSpreadsheetExportMixin, generic.IndexView):
    template_name = "labsite/admin/subscriber_index.html"

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .prefetch_related(
                Prefetch("subscriptions", queryset=Subscription.objects.order_by("list_key"))
            )
            .distinct()
        ).filter(pk__in=scoping.scope(Subscriber.objects.all(), self.request.user, shared=False))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = {
            (row["list_key"], row["frequency"]): row["n"]
            for row in scoping.scope(
                Subscription.objects.all(), self.request.user, "subscriber__site", shared=False
            )
            .values("list_key", "frequency")
            .annotate(n=Count("pk"))
        }
        context["list_counts"] = [
            {
                "label": item.label,
                "daily": counts.get((item.key, Frequency.DAILY), 0),
                "weekly": counts.get((item.key, Frequency.WEEKLY), 0),
            }
            for item in subscriptions.lists()
        ]
        context["suppressed_count"] = Suppression.objects.count()
        return context


class SubscriberViewSet(GroupRecordViews, ModelViewSet):
    model = Subscriber
    icon = "mail"
    menu_label = _("Subscribers")
    menu_order = 253
    add_to_admin_menu = True
    copy_view_enabled = False
    index_view_class = SubscriberIndexView
    filterset_class = SubscriberFilterSet
    search_fields = ["email"]
    search_backend_name = None
    list_display = [
        "email",
        Column("lists", label=_("Lists"), accessor="list_labels"),
        DateColumn("confirmed_at", label=_("Confirmed"), sort_key="confirmed_at"),
    ]
    list_export = ["email", "list_labels", "confirmed_at", "site"]
    export_headings = {"list_labels": _("Lists")}
    export_filename = "subscribers"
    ordering = ["email"]
    form_fields = []
    inspect_view_enabled = True
    inspect_view_fields = ["email", "confirmed_at", "created_at", "site"]

    def get_common_view_kwargs(self, **kwargs):
        return {
            **super().get_common_view_kwargs(**kwargs),
            "add_url_name": None,
            "edit_url_name": self.get_url_name("inspect"),
        }

    def get_urlpatterns(self):
        # Visitors subscribe themselves (double opt-in); staff only look, export and remove.
        keep = {"index", "index_results", "inspect", "delete"}
        return [p for p in super().get_urlpatterns() if getattr(p, "name", None) in keep]


class SuppressionViewSet(ModelViewSet):
    model = Suppression
    icon = "cross"
    menu_label = _("Suppressed addresses")
    add_to_settings_menu = True
    copy_view_enabled = False
    form_fields = ["email", "reason", "note"]
    list_filter = ["reason"]
    search_fields = ["email", "note"]
    search_backend_name = None
    list_display = [
        "email",
        Column("reason", label=_("Reason"), accessor="get_reason_display"),
        "note",
        DateColumn("created_at", label=_("Since"), sort_key="created_at"),
    ]
    ordering = ["-created_at"]


subscriber_viewset = SubscriberViewSet("subscribers")
suppression_viewset = SuppressionViewSet("suppressions")
