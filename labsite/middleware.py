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
