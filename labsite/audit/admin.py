"""*Settings > Audit log*: administrators only, read only, filtered and exportable."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from labsite.admin_export import SafeSpreadsheetExportMixin
from labsite.audit.models import AuditEvent, Kind


class AdministratorsOnly(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return bool(user.is_active and user.is_superuser and action in ("view", "export"))

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        if self.user_has_any_permission(user, actions):
            return self.model.objects.all()
        return self.model.objects.none()

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions)


class AuditFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(choices=Kind.choices, empty_label=_("Every kind"))
    at = django_filters.DateFromToRangeFilter(label=_("When"), widget=DateRangePickerWidget)
    username = django_filters.CharFilter(label=_("Who"), lookup_expr="iexact")

    class Meta:
        model = AuditEvent
        fields = ["kind", "at", "username"]


class AuditIndexView(SafeSpreadsheetExportMixin, generic.IndexView):
    pass


class AuditViewSet(ModelViewSet):
    model = AuditEvent
    icon = "history"
    menu_label = _("Audit log")
    add_to_settings_menu = True
    menu_order = 950
    index_view_class = AuditIndexView
    filterset_class = AuditFilterSet
    copy_view_enabled = False
    inspect_view_enabled = False
    search_fields = ["username", "subject", "detail"]
    search_backend_name = None
    list_display = [
        DateColumn("at", label=_("When"), sort_key="at"),
        Column("kind", label=_("What"), accessor="get_kind_display"),
        Column("username", label=_("Who")),
        Column("subject", label=_("To what")),
        Column("detail", label=_("Detail")),
        Column("address", label=_("From")),
    ]
    list_export = ["at", "kind", "username", "subject", "detail", "address"]
    export_filename = "audit-log"
    ordering = ["-at"]
    form_fields = []

    def get_urlpatterns(self):
        # A log is only read: no adding, editing or deleting entries from the admin.
        return [
            pattern
            for pattern in super().get_urlpatterns()
            if getattr(pattern, "name", None) in {"index", "index_results"}
        ]


# Wagtail 8 reads a model's policy from its registry (a viewset's own policy is deprecated).
register_permission_policy(AuditEvent, AdministratorsOnly(AuditEvent), exact_class=True)
audit_viewset = AuditViewSet("audit")
