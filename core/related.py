"""Extra context that other apps add to a page, without the page's app importing them.

Imports flow core <- partners <- programmes <- organisation, so the home, programme and
priority pages cannot import the newsroom to show its latest articles. Instead an app
registers a provider here (in its AppConfig.ready) and TranslatedPageMixin.get_context
asks every provider for its part: provider(page, request) -> dict (empty when it has
nothing for that page).
"""

_providers = []


def register(provider):
    """Add a provider once (ready() may run more than once in tests)."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def context_for(page, request):
    extra = {}
    for provider in _providers:
        extra.update(provider(page, request) or {})
    return extra
