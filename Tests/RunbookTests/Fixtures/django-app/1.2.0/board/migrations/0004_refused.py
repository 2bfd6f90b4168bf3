from django.db import migrations


class Migration(migrations.Migration):
    """PostgreSQL refuses this one, after the release's other migrations went in."""

    dependencies = [("board", "0003_merge")]
    operations = [migrations.RunSQL("CREATE TABLE board_half_done (id integer); SELECT 1/0;")]
