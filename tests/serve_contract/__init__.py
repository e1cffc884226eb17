"""Page types that exist only in the tests: a proxy page model and a routable page, for
the serve contract (tests/test_serve_contract.py). Installed by the test settings only."""
