"""The open API's own OpenAPI 3 description, at /api/v2/openapi.json (docs/api.md).

Built from what is registered (each endpoint names the parameters it reads and what it
answers) and Wagtail's pages endpoint, so a new endpoint is described by registering it. The
suite fuzzes the API from this description with schemathesis (tests/labsite/test_api_fuzz.py).
"""

from labsite.api.registry import endpoints

PAGES_PARAMETERS = ("type", "fields", "child_of", "descendant_of", "search", "search_operator",
                    "order", "locale", "slug", "offset", "limit")  # fmt: skip

_REFUSED = {
    "description": "A parameter is wrong; the message names it and says what it accepts.",
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "properties": {"message": {"type": "string"}},
                "required": ["message"],
            }
        }
    },
}
_THROTTLED = {"description": "Too many requests from this address; see Retry-After."}


def _parameters(names) -> list[dict]:
    return [
        {"name": name, "in": "query", "required": False, "schema": {"type": "string"}}
        for name in names
    ]


def _operation(summary: str, names, media_type: str, extra: dict | None = None) -> dict:
    schema = {"type": "object"} if media_type == "application/json" else {"type": "string"}
    if media_type.endswith("csl+json"):
        schema = {"type": "array", "items": {"type": "object"}}
    return {
        "get": {
            "summary": summary,
            "parameters": _parameters(names),
            "responses": {
                "200": {"description": "OK", "content": {media_type: {"schema": schema}}},
                "400": _REFUSED,
                "429": _THROTTLED,
                **(extra or {}),
            },
        }
    }


def description() -> dict:
    paths = {
        "/api/v2/": _operation("The list of endpoints", (), "application/json"),
        "/api/v2/pages/": _operation(
            "Every public page of the site (Wagtail's pages endpoint)",
            PAGES_PARAMETERS,
            "application/json",
            {"404": {"description": "No such locale, type or page."}},
        ),
        "/api/v2/pages/{id}/": {
            "get": {
                "summary": "One public page with its fields",
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}},
                    *_parameters(("fields",)),
                ],
                "responses": {
                    "200": {"description": "OK", "content": {"application/json": {}}},
                    "400": _REFUSED,
                    "404": {"description": "No such public page."},
                    "429": _THROTTLED,
                },
            }
        },
    }
    for endpoint in endpoints:
        paths[f"/api/v2/{endpoint.path}"] = _operation(
            endpoint.description, endpoint.parameters, endpoint.media_type
        )
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "labsite open API",
            "version": "2",
            "description": "Read-only, public content only, throttled per client address. "
            "docs/api.md in the labsite repository describes each endpoint.",
        },
        "paths": paths,
    }
