"""What every labsite page type shares beyond Wagtail's ``Page`` (no fields, so no migrations).

Pages are routed by Wagtail (``Page.route``, ``RoutablePageMixin``), through the documented
``route()`` override: where a page takes children of one type only (an index of people,
publications, themes…), the child is read in one query, already specific and with the
relations its page always shows (``served_with``: a person's role and photo, a theme's image),
instead of Wagtail's two (the page, then its specific row) and one per relation. The pages an
address was routed through are kept on the request for the breadcrumbs. Where a page takes
children of several types (the home page), the child's type comes from a map of its children
kept until the content changes, and the child is read in one query all the same.
"""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.urls import Resolver404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import PageViewRestriction

from labsite import visibility
from labsite.pagecache import memo
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
            only_type = self._only_child_type()
            child_model = only_type or self._child_type_hint(path_components[0])
            if child_model is not None:
                child = (
                    child_model.objects.child_of(self)
                    .filter(slug=path_components[0])
                    .select_related(*getattr(child_model, "served_with", ()))
                    .first()
                )
                if child is not None:
                    return child.route(request, path_components[1:])
                if only_type is not None:
                    raise Http404
                # A stale hint (the page changed type in the last second): Wagtail decides.
        return super().route(request, path_components)

    def _child_type_hint(self, slug):
        """The page type of this page's child at ``slug``, from a map of its children kept until
        the content changes (labsite.pagecache.memo); None if it has no such child.

        Only a hint: the child is still read by parent, slug and type, so a map a moment old
        can cost Wagtail's usual route, never a wrong page."""
        types = memo.remember(
            f"labsite:child-types:{self.pk}",
            lambda: dict(self.get_children().values_list("slug", "content_type_id")),
        )
        content_type_id = types.get(slug)
        if content_type_id is None:
            return None
        # None for a type whose app has gone: Wagtail's route then says what it says.
        return ContentType.objects.get_for_id(content_type_id).model_class()

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

    def get_sitemap_urls(self, request=None):
        # The sitemap (labsite.sitemaps) leaves every page's translations on the request.
        urls = super().get_sitemap_urls(request)
        alternates = getattr(request, "labsite_sitemap_alternates", {}).get(self.translation_key)
        if alternates:
            for url in urls:
                url["alternates"] = alternates
        return urls

    def get_view_restrictions(self):
        # Wagtail reads the restrictions of the page and its ancestors on every request (two
        # queries); when no section of the install is restricted there is nothing to read.
        if not visibility.sections():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
