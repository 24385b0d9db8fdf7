"""Applications in the Wagtail admin: supervisors see theirs, site editors see all."""

import django_filters
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from labsite.admin_export import SafeSpreadsheetExportMixin
from labsite.models import OutboxEmail
from people.applicant_data import services as applicant_data
from people.applicant_data import views as applicant_data_views
from people.applicant_data.models import Action
from people.applications.models import Application, ApplicationStatus
from people.openings.models import OpeningPage
from people.profiles.models import PersonPage


class ApplicationPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, narrowed per object to the applications addressed to the user."""

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return Application.objects.none()
        return Application.objects.visible_to(user)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and (
            Application.objects.visible_to(user).filter(pk=instance.pk).exists()
        )


class ApplicationFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        choices=ApplicationStatus.choices, empty_label=_("All"), label=_("Status")
    )
    opening = django_filters.ModelChoiceFilter(
        queryset=OpeningPage.objects.order_by("title"), label=_("Opening")
    )
    supervisor = django_filters.ModelChoiceFilter(
        field_name="supervisors",
        queryset=PersonPage.objects.order_by("family_name", "given_names"),
        label=_("Supervisor"),
    )
    created_at = django_filters.DateFromToRangeFilter(
        label=_("Received"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Application
        fields = ["status", "opening", "supervisor", "created_at"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        # Only the openings and supervisors of applications this user may see: another
        # group's openings and people are not theirs to list.
        user = getattr(request, "user", None)
        if user is None:
            return
        visible = Application.objects.visible_to(user)
        self.filters["opening"].queryset = OpeningPage.objects.filter(
            pk__in=visible.values("opening_id")
        ).order_by("title")
        self.filters["supervisor"].queryset = PersonPage.objects.filter(
            pk__in=Application.supervisors.through.objects.filter(application__in=visible).values(
                "personpage_id"
            )
        ).order_by("family_name", "given_names")


class VisibleApplicationsMixin:
    def get_base_queryset(self):
        return Application.objects.visible_to(self.request.user)


class ApplicationIndexView(SafeSpreadsheetExportMixin, VisibleApplicationsMixin, generic.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("opening")
            .prefetch_related(
                Prefetch("supervisors", queryset=PersonPage.objects.only("pk", "title"))
            )
        )


class ApplicationEditView(generic.EditView):
    """The detail view: everything the applicant sent, the CV, the emails, status and notes."""

    template_name = "people/admin/application_edit.html"

    def get_queryset(self):
        return Application.objects.visible_to(self.request.user).select_related("opening")

    def get_object(self, queryset=None):
        application = super().get_object(queryset)
        if (
            self.request.method == "GET"
            and application.status == ApplicationStatus.NEW
            and application.is_addressed_to(self.request.user)
        ):
            application.status = ApplicationStatus.READ
            application.save(update_fields=["status", "updated_at"])
        if self.request.method == "GET":
            applicant_data.record(application, self.request.user, Action.VIEWED)
        return application

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.object
        context["application"] = application
        context["supervisors"] = list(application.supervisors.all())
        context["emails"] = list(
            OutboxEmail.objects.filter(source=application.outbox_source).order_by("created_at")
        )
        context["accesses"] = list(application.accesses.all()[:100])
        context["may_manage_data"] = applicant_data.may_manage_data(self.request.user, application)
        return context


class ApplicationViewSet(ModelViewSet):
    model = Application
    icon = "mail"
    menu_label = _("Applications")
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    index_view_class = ApplicationIndexView
    edit_view_class = ApplicationEditView
    filterset_class = ApplicationFilterSet
    search_fields = ["name", "email", "reference", "institution", "topic", "opening_title"]
    search_backend_name = None  # applications stay out of the site's search index
    list_display = [
        # Each row opens its application: the reference and the name are links to it.
        TitleColumn(
            "reference", label=_("Reference"), accessor="reference", url_name="applications:edit"
        ),
        TitleColumn("name", label=_("Name"), accessor="name", url_name="applications:edit"),
        Column("about", label=_("About"), accessor="about"),
        Column("supervisor_names", label=_("Supervisors"), accessor="supervisor_names"),
        Column("status", label=_("Status"), accessor="get_status_display"),
        DateColumn("created_at", label=_("Received"), sort_key="created_at"),
    ]
    list_export = [
        "reference",
        "created_at",
        "status",
        "name",
        "email",
        "institution",
        "degree",
        "expected_graduation",
        "intended_start",
        "about",
        "supervisor_names",
        "funding",
        "funding_details",
        "cv_page_url",
        "github_url",
        "publications_url",
        "arrived_after_close",
    ]
    export_headings = {"about": _("Opening or topic"), "supervisor_names": _("Supervisors")}
    export_filename = "applications"
    ordering = ["-created_at"]
    form_fields = ["status", "internal_notes"]
    panels = [FieldPanel("status"), FieldPanel("internal_notes")]

    def get_common_view_kwargs(self, **kwargs):
        return {**super().get_common_view_kwargs(**kwargs), "add_url_name": None}

    def get_urlpatterns(self):
        # Applications only arrive through the public form; staff never create or copy them.
        patterns = [
            pattern
            for pattern in super().get_urlpatterns()
            if getattr(pattern, "name", None) not in {"add", "copy"}
        ]
        return patterns + [
            path("cv/<int:pk>/", download_cv, name="cv"),
            path("export/<int:pk>/", applicant_data_views.export, name="export"),
            path("erase/<int:pk>/", applicant_data_views.erase, name="erase"),
        ]


def download_cv(request, pk):
    """Hand the CV only to staff allowed to see this application, always as a download."""
    application = Application.objects.visible_to(request.user).filter(pk=pk).first()
    if application is None:
        # A plain 403, not Wagtail's redirect to the dashboard: a shared link must fail loudly.
        # The same answer whether the application exists or not, naming nothing of it.
        return render(request, "people/admin/application_forbidden.html", status=403)
    try:
        handle = application.cv.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("The CV file is missing from storage.") from None
    applicant_data.record(application, request.user, Action.CV)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{application.reference}-{application.cv_download_name}",
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


register_permission_policy(Application, ApplicationPermissionPolicy(Application))
application_viewset = ApplicationViewSet("applications")
