import logging
import secrets

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponseNotFound, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


def page_not_found(request, exception=None):
    """The translated 404 page; its language switcher leads to each language's home page."""
    body = loader.render_to_string("404.html", {"error_page": True}, request)
    return HttpResponseNotFound(body)


@never_cache
def healthz(request):
    """Liveness for a load balancer: the process answers. Touches nothing else."""
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    """Readiness for a load balancer: 503 only when the database does not answer.

    Without Redis the site still serves pages, publishing, logins and the contact form
    (its guards live in the database), only slower: "degraded" with 200, so that a Redis
    outage does not take every app server out of the pool at once.
    """
    checks = {"database": _database_ok(), "cache": _cache_ok()}
    if all(checks.values()):
        status = "ok"
    else:
        status = "degraded" if checks["database"] else "unavailable"
    body = {"status": status}
    body.update({name: "ok" if ok else "unavailable" for name, ok in checks.items()})
    return JsonResponse(body, status=200 if checks["database"] else 503)


def _database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        logger.exception("readyz: database unavailable")
        return False


def _cache_ok():
    # django-redis is set to swallow errors, so a write that cannot be read back
    # is how an unreachable Redis shows itself.
    token = secrets.token_hex(8)
    try:
        cache.set("readyz", token, timeout=10)
        return cache.get("readyz") == token
    except Exception:  # a cache backend may raise anything when its server is gone
        logger.exception("readyz: cache unavailable")
        return False
