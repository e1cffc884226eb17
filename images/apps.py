from django.apps import AppConfig


class ImagesConfig(AppConfig):
    name = "images"
    verbose_name = "Images"

    def ready(self):
        from wagtail.images import get_image_model
        from wagtail.permissions import register_permission_policy

        from .permissions import ImagePermissionPolicy

        # exact_class: wins over the policy wagtail.images registers for the same model later.
        register_permission_policy(
            get_image_model(),
            ImagePermissionPolicy(
                get_image_model(),
                auth_model="wagtailimages.Image",
                owner_field_name="uploaded_by_user",
            ),
            exact_class=True,
        )
