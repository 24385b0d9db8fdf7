from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter

from labsite.api.registry import endpoints
from labsite.api.views import APIIndex, LabPagesAPIViewSet

router = WagtailAPIRouter("wagtailapi")
router.register_endpoint("pages", LabPagesAPIViewSet)


def urlpatterns():
    patterns = [path("", APIIndex.as_view(), name="api_index")]
    patterns += [path(e.path, e.view, name=f"api_{e.name}") for e in endpoints]
    return patterns
