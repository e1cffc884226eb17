from django.db import migrations


def number_rows(apps, schema_editor):
    from core.orderables import number_unordered_rows

    number_unordered_rows(apps, "organisation")


class Migration(migrations.Migration):
    """Rows the seed created without a sort_order get their place (core/orderables.py)."""

    dependencies = [("organisation", "0006_merge_identity_and_block_library")]

    operations = [migrations.RunPython(number_rows, migrations.RunPython.noop)]
