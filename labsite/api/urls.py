from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter

from labsite.api.registry import endpoints
from labsite.api.views import APIIndex, LabPagesAPIViewSet, OpenAPIDescription

router = WagtailAPIRouter("wagtailapi")
router.register_endpoint("pages", LabPagesAPIViewSet)


def urlpatterns():
    patterns = [
        path("", APIIndex.as_view(), name="api_index"),
        path("openapi.json", OpenAPIDescription.as_view(), name="api_openapi"),
    ]
    patterns += [path(e.path, e.view, name=f"api_{e.name}") for e in endpoints]
    return patterns
