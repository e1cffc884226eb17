"""SQLite: the folded text becomes Snowball stems (search.stemming), so the entries already
stored are folded again from their title and body. PostgreSQL keeps its vectors."""

from django.db import migrations


def fold_again(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        return
    from search import stemming

    SearchEntry = apps.get_model("search", "SearchEntry")
    entries = list(SearchEntry.objects.only("pk", "language", "title", "body"))
    for entry in entries:
        entry.folded = stemming.folded(f"{entry.title}\n{entry.body}", entry.language)
    SearchEntry.objects.bulk_update(entries, ["folded"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(fold_again, migrations.RunPython.noop)]
