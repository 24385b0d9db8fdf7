import logging

from django.conf import settings


class AdminFrameOptionsMiddleware:
    """Let the Wagtail admin frame its own previews while public pages stay X-Frame-Options: DENY.

    Placed after XFrameOptionsMiddleware in MIDDLEWARE, so it sees the response first and
    that middleware keeps the header it sets.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = settings.WAGTAIL_ADMIN_PATH_PREFIX

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.prefix) and "X-Frame-Options" not in response:
            response["X-Frame-Options"] = "SAMEORIGIN"
        return response


class SiteErrorPagesMiddleware:
    """The site's own "not found" and "something went wrong" pages under DEBUG (``make run``).

    Django's debug pages list every URL pattern and are 980 px wide: a group trying the demo
    took them for the site. A view's Http404 renders the site's 404 page; any other error is
    logged with its traceback (the terminal shows it) and renders the site's 500 page.
    ``LABSITE_TECHNICAL_ERRORS=1`` brings Django's debug pages back. Last in MIDDLEWARE, so it
    is asked first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
        from django.http import Http404
        from django.http.multipartparser import MultiPartParserError

        from labsite import views

        if isinstance(exception, Http404):
            return views.page_not_found(request, exception)
        if isinstance(
            exception, PermissionDenied | BadRequest | SuspiciousOperation | MultiPartParserError
        ):
            return None  # Django answers these with a 4xx page even under DEBUG
        logging.getLogger("django.request").error(
            "Internal Server Error: %s", request.path, exc_info=exception
        )
        return views.server_error(request)
