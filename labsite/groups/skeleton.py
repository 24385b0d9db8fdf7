"""The pages a new group's site starts with; each app registers the index pages it owns."""

from dataclasses import dataclass

from labsite.registry import Registry


@dataclass(frozen=True)
class IndexPageSpec:
    model: str  # "app_label.ModelName" of an index page that may sit under the home page
    title: str
    slug: str
    order: int = 100


index_pages: Registry[IndexPageSpec] = Registry(
    key=lambda spec: spec.model, order=lambda spec: spec.order
)


def register(spec: IndexPageSpec) -> IndexPageSpec:
    return index_pages.register(spec)
