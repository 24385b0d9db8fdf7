"""What every labsite page type shares beyond Wagtail's ``Page`` (no fields, so no migrations).

Pages are routed by Wagtail itself (``Page.route``, ``RoutablePageMixin``): an override of
``route()`` anywhere in the tree is honoured.
"""

from wagtail.models import PageViewRestriction

from labsite import visibility
from labsite.panels import PROMOTE_PANELS


class ServedPage:
    """Mixed into every labsite page type."""

    #: The *Promote* tab in the group's words (labsite.panels).
    promote_panels = PROMOTE_PANELS

    def get_view_restrictions(self):
        # Wagtail reads the restrictions of the page and its ancestors on every request (two
        # queries); when no section of the install is restricted there is nothing to read.
        if not visibility.sections():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
