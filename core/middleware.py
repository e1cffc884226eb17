"""Know the visitor's real address behind our own reverse proxy."""

from django.conf import settings


class TrustedProxyMiddleware:
    """Replace REMOTE_ADDR with the client address that a trusted proxy reports.

    Behind nginx (or a load balancer) every request comes from the proxy's address,
    so per-visitor limits (the contact form's rate limit, the login lockout) would
    lump all visitors together. Only when the direct peer is listed in
    TRUSTED_PROXIES is X-Forwarded-For believed, and then only its last hop that is
    not itself a trusted proxy; anything a client wrote further left is ignored.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.trusted = set(settings.TRUSTED_PROXIES)

    def __call__(self, request):
        peer = request.META.get("REMOTE_ADDR", "")
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if peer in self.trusted and forwarded:
            hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
            while hops and hops[-1] in self.trusted:
                hops.pop()
            if hops:
                request.META["REMOTE_ADDR"] = hops[-1]
        return self.get_response(request)
