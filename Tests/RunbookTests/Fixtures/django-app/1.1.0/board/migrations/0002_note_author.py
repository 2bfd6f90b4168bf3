from django.db import migrations, models


class Migration(migrations.Migration):
    """A second branch from 0001, as two developers wrote them: 0003 merges them."""

    dependencies = [("board", "0001_initial")]
    operations = [migrations.AddField(model_name="note", name="author", field=models.CharField(default="", max_length=100))]
