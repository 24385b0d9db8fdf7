"""Where the domain apps add their API endpoints, so the core names none of them."""

from dataclasses import dataclass

from labsite.registry import Registry


@dataclass(frozen=True)
class Endpoint:
    path: str  # under /api/v2/, e.g. "publications/"
    view: object  # a Django view (a DRF APIView's as_view())
    name: str
    description: str = ""
    #: The query parameters it reads (all text), for its OpenAPI description.
    parameters: tuple[str, ...] = ("offset", "limit")
    #: What a successful answer is (its OpenAPI description).
    media_type: str = "application/json"


endpoints: Registry[Endpoint] = Registry(key=lambda e: e.name, order=lambda e: e.path)


def register(endpoint: Endpoint) -> Endpoint:
    return endpoints.register(endpoint)
