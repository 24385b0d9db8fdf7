"""The pages a new group's site starts with; each app registers the index pages it owns."""

from dataclasses import dataclass

from labsite.registry import Registry


@dataclass(frozen=True)
class IndexPageSpec:
    model: str  # "app_label.ModelName" of an index page that may sit under the home page
    title: str
    slug: str
    order: int = 100
    #: In the site's menu and footer from the start: a new group's index pages are otherwise
    #: unreachable from its home page.
    in_menu: bool = True


index_pages: Registry[IndexPageSpec] = Registry(
    key=lambda spec: spec.model, order=lambda spec: spec.order
)


def register(spec: IndexPageSpec) -> IndexPageSpec:
    return index_pages.register(spec)


#: Model permissions a new group's editors get ("app_label.codename"); each app names its own
#: records that belong to groups (labsite.groups.scoping narrows them to the group's own).
editor_permissions: Registry[str] = Registry(key=lambda name: name)


def grant_editors(*names: str) -> None:
    for name in names:
        editor_permissions.register(name)


def crud(app_label: str, model: str) -> list[str]:
    return [f"{app_label}.{action}_{model}" for action in ("add", "change", "delete", "view")]
