from labsite.audit import signals


class RememberRequest:
    """Keeps the request being answered where the audit's signal receivers find it (who changed
    a permission, and from where); forgotten once the response is made."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        signals.current.request = request
        try:
            return self.get_response(request)
        finally:
            signals.current.request = None
