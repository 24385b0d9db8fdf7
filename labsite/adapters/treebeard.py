"""django-treebeard's materialised paths, for inserting many pages at once.

``research.publications.bulk_pages`` inserts a batch of pages straight into Wagtail's tree
(the public ``add_child`` costs ~25 ms a page: most of a minute for a group's 1,000
publications). That needs the paths treebeard would give the new children, and treebeard
offers no public call for "the path of the n-th child of this node".
"""

from wagtail.models import Page

#: The private names used here, checked by tests/labsite/test_adapters.py.
USES = ("MP_Node._str2int", "MP_Node._get_path", "MP_Node._cached_parent_obj")


def step_of(path: str) -> int:
    """The position of the node at ``path`` among its siblings (1 for the first)."""
    return Page._str2int(path[-Page.steplen :])


def child_path(parent_path: str, depth: int, step: int) -> str:
    """The path of the ``step``-th child (at ``depth``) of the node at ``parent_path``."""
    return Page._get_path(parent_path, depth, step)


def remember_parent(page: Page, parent: Page) -> None:
    """Tell treebeard the parent of a page about to be saved: no query for it on save."""
    page._cached_parent_obj = parent
