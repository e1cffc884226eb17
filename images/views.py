"""Wagtail's image edit view with the "my languages" choice.

Page, snippet and setting edit views offer it from their before-edit hooks; Wagtail has no
such hook for images, so the view (registered over Wagtail's own URL in wagtail_hooks.py)
does the same before its form is built: "Show all languages" and ?languages=all.
"""

from wagtail.images.views.images import EditView

from translations.my_languages_hooks import offer_all_languages


class ImageEditView(EditView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        offer_all_languages(request)
