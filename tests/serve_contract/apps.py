from django.apps import AppConfig


class ServeContractConfig(AppConfig):
    name = "tests.serve_contract"
    label = "serve_contract"
    default_auto_field = "django.db.models.BigAutoField"
