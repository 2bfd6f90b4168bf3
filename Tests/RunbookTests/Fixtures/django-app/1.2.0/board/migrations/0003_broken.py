from django.db import migrations


def fail(apps, schema_editor):
    raise RuntimeError("this release's data migration fails on purpose")


class Migration(migrations.Migration):
    dependencies = [("board", "0002_note_pinned")]
    operations = [migrations.RunPython(fail)]
