from django.urls import path

from wagtail import hooks

from .views import ImageEditView


@hooks.register("register_admin_urls")
def image_edit_with_my_languages():
    # This app's hooks load before wagtail.images' (INSTALLED_APPS order), so this URL is
    # matched first; reverse("wagtailimages:edit") gives the same path.
    return [path("images/<int:image_id>/", ImageEditView.as_view(), name="image_edit")]
