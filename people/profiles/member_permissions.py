"""What a member may edit: the records that name them, always through a site editor's approval.

A member's account is linked to their person page (``PersonPage.member_user``). They may edit
that page, and every page or record that credits them: a publication they are an author of, a
talk they gave, a supervision they take part in. They never publish: the "Review by site
editors" workflow (on the root page and on supervision records) carries their changes to an
editor. Everything else stays as Wagtail's group permissions say.

Page types opt in with ``MemberEditable`` and say who they name in ``names_member``; the
default reads the stored ``credits`` (people.profiles.credits), so the check costs no query.
"""

from __future__ import annotations

from wagtail.models import PagePermissionTester


def member_person_id(user) -> int | None:
    """The id of the person page linked to ``user``'s account, or None (one query per user)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    cached = getattr(user, "_member_person_id", False)
    if cached is False:
        person = getattr(user, "person_page", None) if hasattr(user, "pk") else None
        cached = person.pk if person is not None else None
        user._member_person_id = cached
    return cached


def member_sites(user) -> list[int]:
    """The groups (sites) whose tree holds the member's own page, and the other groups the
    page says they belong to: a member works for those (labsite.groups.scoping)."""
    person_id = member_person_id(user)
    if person_id is None:
        return []
    from wagtail.models import Site

    person = user.person_page
    roots = Site.objects.values_list("pk", "root_page__path")
    own = [pk for pk, root in roots if person.path.startswith(root)]
    return own + list(person.also_in_groups.values_list("pk", flat=True))


def credits_name(record, person_id: int | None) -> bool:
    """True if the record's stored credits name the person (as author, speaker, supervisor...)."""
    return person_id is not None and any(
        credit.get("person") == person_id for credit in (record.credits or [])
    )


class MemberPermissionTester(PagePermissionTester):
    """Adds "change" (never "publish") on pages that name the member's own person page."""

    def __init__(self, user, page):
        super().__init__(user, page)
        if (
            user.is_active
            and not user.is_superuser
            and "change" not in self.permissions
            and page.names_member(user)
        ):
            self.permissions = set(self.permissions) | {"change"}


class MemberEditable:
    """Mixed into page types that members may edit when the page names them."""

    def names_member(self, user) -> bool:
        return credits_name(self, member_person_id(user))

    def permissions_for_user(self, user):
        return MemberPermissionTester(user, self)
