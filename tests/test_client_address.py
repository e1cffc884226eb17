"""Per-visitor limits see the visitor's address, not our proxy's, and cannot be fooled."""

from django.http import HttpResponse
from django.test import RequestFactory, override_settings

import pytest

from core.middleware import TrustedProxyMiddleware


def client_address(remote_addr, forwarded=None):
    seen = {}

    def view(request):
        seen["address"] = request.META["REMOTE_ADDR"]
        return HttpResponse()

    headers = {"REMOTE_ADDR": remote_addr}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    TrustedProxyMiddleware(view)(RequestFactory().get("/", **headers))
    return seen["address"]


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_behind_our_proxy_the_visitors_address_is_used():
    assert client_address("127.0.0.1", "203.0.113.7") == "203.0.113.7"


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_an_address_a_client_wrote_into_the_header_is_ignored():
    # The proxy appends the real peer; whatever the client sent stands further left.
    assert client_address("127.0.0.1", "198.51.100.1, 203.0.113.7") == "203.0.113.7"


@override_settings(TRUSTED_PROXIES=["127.0.0.1", "10.0.0.2"])
def test_a_chain_of_our_own_proxies_is_walked_back():
    assert client_address("127.0.0.1", "203.0.113.7, 10.0.0.2") == "203.0.113.7"


@pytest.mark.parametrize("trusted", [[], ["10.0.0.2"]])
def test_a_direct_visitor_cannot_claim_another_address(trusted):
    with override_settings(TRUSTED_PROXIES=trusted):
        assert client_address("192.0.2.50", "203.0.113.7") == "192.0.2.50"
