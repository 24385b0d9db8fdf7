"""Which pages the admin shows a user who may not edit everything: the live pages, and the ones
they may change or publish (their own drafts, their group's pages).

Wagtail lets anyone who may add pages under an index explore everything below it, so a member
who drafts under the publications index saw the titles of other members' drafts and of
unpublished pages in the explorer, the admin search, the admin API (`/admin/api/main/pages/`)
and the page chooser. ``VisiblePagePermissionPolicy`` is Wagtail's page policy with its
explorable pages narrowed (registered with ``register_permission_policy``, Wagtail's documented
way; the explorer, search and admin API ask it), and the chooser is narrowed the same way
through its ``construct_page_chooser_queryset`` hook.
"""

from django.db.models import Q
from wagtail.permission_policies.pages import PagePermissionPolicy

EDITING = {"change", "publish"}


class VisiblePagePermissionPolicy(PagePermissionPolicy):
    def explorable_instances(self, user):
        pages = super().explorable_instances(user)
        return narrowed(self, user, pages)


def narrowed(policy: PagePermissionPolicy, user, pages):
    """``pages`` without the unpublished ones ``user`` may not edit."""
    if user.is_superuser or not user.is_active:
        return pages
    editable = policy.instances_user_has_any_permission_for(user, EDITING)
    # The pages above what they may edit stay reachable, live or not (the tree's way down).
    step = policy.model.steplen
    above = {
        path[:end]
        for path in editable.values_list("path", flat=True)[:500]
        for end in range(step, len(path), step)
    }
    return pages.filter(Q(live=True) | Q(pk__in=editable.values("pk")) | Q(path__in=above))
