from wagtail.api.v2.router import WagtailAPIRouter

from core.api import LanguagePagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", LanguagePagesAPIViewSet)
