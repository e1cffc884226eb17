"""Extra context that other apps add to a page, without the page's app importing them.

Imports flow core <- partners <- programmes <- organisation, so the home, programme and
priority pages cannot import the newsroom to show its latest articles. Instead an app
registers a provider here (in its AppConfig.ready) and TranslatedPageMixin.get_context
asks every provider for its part: provider(page, request) -> dict (empty when it has
nothing for that page).
"""

_providers = []
_annotators = []


def register(provider):
    """Add a provider once (ready() may run more than once in tests)."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def register_annotations(annotator):
    """annotator(models) -> {name: expression over a page row}: columns that core.chrome
    adds to the one query loading the served page in its specific type (e.g. the page's
    latest articles as JSON), so a provider reads them from the page instead of querying
    again. `models` are the page types that query loads."""
    if annotator not in _annotators:
        _annotators.append(annotator)
    return annotator


def annotations(models):
    extra = {}
    for annotator in _annotators:
        extra.update(annotator(models) or {})
    return extra


def context_for(page, request):
    extra = {}
    for provider in _providers:
        extra.update(provider(page, request) or {})
    return extra
