from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from people.applications.admin import application_viewset


class YourProfilePanel(Component):
    """Dashboard panel that takes a member straight to their own page."""

    name = "your_profile"
    order = 50
    template_name = "people/admin/your_profile_panel.html"

    def __init__(self, person):
        self.person = person

    def get_context_data(self, parent_context):
        return {"person": self.person, "status": self._status()}

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
        panels.insert(0, YourProfilePanel(person))


@hooks.register("register_admin_viewset")
def register_application_viewset():

    return application_viewset
