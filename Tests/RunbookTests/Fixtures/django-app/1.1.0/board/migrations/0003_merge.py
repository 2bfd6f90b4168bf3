from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("board", "0002_note_pinned"), ("board", "0002_note_author")]
    operations = []
