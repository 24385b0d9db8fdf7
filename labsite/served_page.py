"""What every labsite page type shares beyond Wagtail's ``Page`` (no fields, so no migrations).

Pages are routed by Wagtail (``Page.route``, ``RoutablePageMixin``), through the documented
``route()`` override: where a page takes children of one type only (an index of people,
publications, themes…), the child is read in one query, already specific and with the
relations its page always shows (``served_with``: a person's role and photo, a theme's image),
instead of Wagtail's two (the page, then its specific row) and one per relation. The pages an
address was routed through are kept on the request for the breadcrumbs.
"""

from django.http import Http404
from django.urls import Resolver404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import PageViewRestriction

from labsite import visibility
from labsite.panels import PROMOTE_PANELS

#: The pages a request was routed through, root first (read by ``{% ancestors %}``).
ROUTE_ATTRIBUTE = "labsite_route_pages"


class ServedPage:
    """Mixed into every labsite page type."""

    #: Foreign keys read with the page when it is routed to from an index of its own type.
    served_with: tuple[str, ...] = ()
    #: The *Promote* tab in the group's words (labsite.panels).
    promote_panels = PROMOTE_PANELS

    def route(self, request, path_components):
        routed = getattr(request, ROUTE_ATTRIBUTE, None)
        if routed is None:
            routed = []
            setattr(request, ROUTE_ATTRIBUTE, routed)
        routed.append(self)
        if path_components and not self._answers_itself(path_components):
            child_model = self._only_child_type()
            if child_model is not None:
                child = (
                    child_model.objects.child_of(self)
                    .filter(slug=path_components[0])
                    .select_related(*child_model.served_with)
                    .first()
                )
                if child is None:
                    raise Http404
                return child.route(request, path_components[1:])
        return super().route(request, path_components)

    def _answers_itself(self, path_components) -> bool:
        """A routable page's own route (a feed, an export) comes before its children."""
        if not isinstance(self, RoutablePageMixin):
            return False
        try:
            self.resolve_subpage("/" + "".join(f"{c}/" for c in path_components))
        except Resolver404:
            return False
        return True

    @classmethod
    def _only_child_type(cls):
        models = cls.allowed_subpage_models()
        return models[0] if len(models) == 1 else None

    def get_view_restrictions(self):
        # Wagtail reads the restrictions of the page and its ancestors on every request (two
        # queries); when no section of the install is restricted there is nothing to read.
        if not visibility.sections():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
