from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from labsite.groups.admin import register_group_snippet
from people.applications.admin import application_viewset
from people.members import dashboard
from people.members import views as member_views
from people.profiles.snippets import ExternalPerson, FundingProgramme, Role
from people.supervision.admin import SupervisionPermissionPolicy, SupervisionViewSet
from people.supervision.models import Supervision


class YourProfilePanel(Component):
    """Dashboard panel that takes a member straight to their own page."""

    name = "your_profile"
    order = 50
    template_name = "people/admin/your_profile_panel.html"

    def __init__(self, person, request):
        self.person = person
        self.request = request

    def get_context_data(self, parent_context):
        return {
            "person": self.person,
            "status": self._status(),
            "record_links": dashboard.links_for(self.request),
        }

    def _status(self):
        workflow_state = self.person.current_workflow_state
        if workflow_state:
            return _("Your changes are waiting for a site editor's approval.")
        if self.person.has_unpublished_changes:
            return _("You have a draft that is not yet submitted for review.")
        return _("Your published page is up to date.")


@hooks.register("construct_homepage_panels")
def add_your_profile_panel(request, panels):
    person = getattr(request.user, "person_page", None)
    if person is not None:
        panels.insert(0, YourProfilePanel(person, request))


hooks.register("register_page_header_buttons", member_views.header_button)
hooks.register("register_admin_urls", member_views.admin_urls)


@hooks.register("register_admin_viewset")
def register_application_viewset():

    return application_viewset


register_permission_policy(Supervision, SupervisionPermissionPolicy(Supervision))
register_snippet(SupervisionViewSet)
for _model in (Role, ExternalPerson, FundingProgramme):
    register_group_snippet(_model)


def _supervision_records(request) -> str:
    policy = SupervisionPermissionPolicy(Supervision)
    if not policy.user_has_permission(request.user, "change"):
        return ""
    return reverse(Supervision.snippet_viewset.get_url_name("list"))


dashboard.register(
    dashboard.RecordLink(gettext_lazy("Your supervision records"), _supervision_records, order=30)
)
